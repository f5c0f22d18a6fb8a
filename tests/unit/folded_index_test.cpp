#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/folded_ids.hpp"

namespace {

// Ids held by the caller, as FoldedIndex wants them: the number is the index in `ids`.
struct Ids {
  std::vector<std::string> ids;
  comreg::FoldedIndex index;
  std::string_view operator()(std::uint32_t n) const { return ids[n]; }
  std::pair<std::uint32_t, bool> add(std::string id) {
    ids.push_back(std::move(id));
    const auto result = index.insert(ids.back(), static_cast<std::uint32_t>(ids.size() - 1), *this);
    if (!result.second) ids.pop_back();
    return result;
  }
  std::uint32_t find(std::string_view id) const { return index.find(id, *this); }
};

}  // namespace

TEST_CASE("FoldedIndex: ids equal but for ASCII case are one id", "[basics]") {
  Ids ids;
  CHECK(ids.add("CLSID\\{ABC}") == std::pair<std::uint32_t, bool>{0, true});
  CHECK(ids.add("clsid\\{abc}") == std::pair<std::uint32_t, bool>{0, false});
  CHECK(ids.add("CLSID\\{ABC}\\InprocServer32") == std::pair<std::uint32_t, bool>{1, true});
  CHECK(ids.find("Clsid\\{aBc}") == 0);
  CHECK(ids.find("CLSID\\{ABC}\\inprocserver32") == 1);
  CHECK(ids.find("CLSID\\{ABC}\\") == comreg::FoldedIndex::none);
  CHECK(ids.find("CLSID") == comreg::FoldedIndex::none);
  CHECK(ids.find("") == comreg::FoldedIndex::none);
  // Only A-Z fold, as the rest of comreg compares: other bytes are compared as they are.
  CHECK(ids.add("Caf\xC3\xA9").second);
  CHECK(ids.add("CAF\xC3\x89").second);
  CHECK(ids.find("cAF\xC3\xA9") == 2);
}

TEST_CASE("FoldedIndex: grows from nothing and finds every id it holds", "[basics]") {
  Ids ids;
  constexpr std::uint32_t count = 100000;  // 14 doublings from the first 16 slots
  for (std::uint32_t i = 0; i < count; ++i) {
    REQUIRE(ids.add("CLSID\\{" + std::to_string(i * 7919u) + "}").second);
  }
  std::uint32_t found = 0, refused = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string upper = "clsid\\{" + std::to_string(i * 7919u) + "}";
    found += ids.find(upper) == i ? 1u : 0u;
    refused += ids.find(upper + "x") == comreg::FoldedIndex::none ? 1u : 0u;
  }
  CHECK(found == count);
  CHECK(refused == count);
  CHECK_FALSE(ids.add("CLSID\\{0}").second);
  CHECK(ids.ids.size() == count);
}

TEST_CASE("PackedFoldedIds: ids made of parts, kept once whatever their case", "[basics]") {
  comreg::PackedFoldedIds ids;
  CHECK(ids.add({"CLSID\\{A}", "\t", "ThreadingModel"}) == std::pair<std::uint32_t, bool>{0, true});
  CHECK(ids.add({"clsid\\{a}\tthreadingmodel"}) == std::pair<std::uint32_t, bool>{0, false});
  CHECK(ids.add({"CLSID\\{A}"}) == std::pair<std::uint32_t, bool>{1, true});
  CHECK(ids.add({"CLSID\\{A}", "\t", ""}) == std::pair<std::uint32_t, bool>{2, true});
  CHECK(ids.find("CLSID\\{a}\tThreadingModel") == 0);
  CHECK(ids.find("CLSID\\{A}\t") == 2);
  CHECK(ids.find("CLSID\\{A}\tOther") == comreg::FoldedIndex::none);
  // A refused duplicate leaves no bytes behind: the next id is kept whole under its own number.
  CHECK(ids(1) == "CLSID\\{A}");
  CHECK(ids.add({"Interface\\{B}"}) == std::pair<std::uint32_t, bool>{3, true});
  CHECK(ids(3) == "Interface\\{B}");
  CHECK(ids(0) == "CLSID\\{A}\tThreadingModel");
}
