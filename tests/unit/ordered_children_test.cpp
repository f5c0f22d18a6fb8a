#include <catch2/catch.hpp>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/ordered_children.hpp"

namespace {

struct Node {
  std::size_t number = 0;
};

// What a file of names chosen against a public hash does: every name in one bucket.
struct OneBucket {
  std::size_t operator()(std::string_view) const { return 42; }
};

template <typename Children>
void add_names(Children& children, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    auto node = std::make_unique<Node>();
    node->number = i;
    REQUIRE(children.emplace("{" + std::to_string(i * 7919) + "}", std::move(node)).second);
  }
}

template <typename Children>
void check_names(const Children& children, std::size_t count) {
  std::size_t found = 0, absent = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const Node* node = children.find("{" + std::to_string(i * 7919) + "}");
    found += node != nullptr && node->number == i ? 1 : 0;
    absent += children.find("{" + std::to_string(i * 7919) + "}x") == nullptr ? 1 : 0;
  }
  CHECK(found == count);
  CHECK(absent == count);
  CHECK(children.size() == count);
  // Listings stay in the names' order, hash or not.
  std::string previous;
  std::size_t in_order = 0;
  for (const auto& [name, node] : children) {
    in_order += previous < name ? 1 : 0;
    previous = name;
  }
  CHECK(in_order == count);
}

}  // namespace

TEST_CASE("OrderedChildren: a wide key is found through a hash", "[hive]") {
  comreg::OrderedChildren<char, Node> children;
  add_names(children, 5000);
  CHECK(children.indexed());
  check_names(children, 5000);
}

TEST_CASE("OrderedChildren: names that flood one bucket drop the hash for the map", "[hive]") {
  // Below indexed_from there is no hash to flood; past it, the 17th name in one bucket ends the
  // hash, and the key is searched in its ordered map from then on (each lookup walked all
  // 5,000 names of the bucket before).
  comreg::OrderedChildren<char, Node, OneBucket> children;
  add_names(children, comreg::OrderedChildren<char, Node, OneBucket>::indexed_from - 1);
  CHECK_FALSE(children.indexed());
  comreg::OrderedChildren<char, Node, OneBucket> flooded;
  add_names(flooded, 5000);
  CHECK_FALSE(flooded.indexed());
  check_names(flooded, 5000);
  // It stays without: removing and adding names does not build the hash again.
  CHECK(flooded.erase("{0}"));
  auto node = std::make_unique<Node>();
  CHECK(flooded.emplace("{0}", std::move(node)).second);
  CHECK_FALSE(flooded.indexed());
  CHECK(flooded.find("{0}") != nullptr);
}
