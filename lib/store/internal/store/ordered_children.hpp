// The subkeys of a key in a store's tree (the memory store's nodes, a hive's keys).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace comreg {

/// Subkeys by folded name, in that name's order (listings, a hive's sorted subkey lists), and
/// past `indexed_from` of them also found through a hash of the name. CLSID and the classes
/// root hold tens of thousands of subkeys: each lookup was a path of string comparisons down a
/// tree of nodes spread over the heap (a fifth of an install into a hive). The hash holds
/// views of the map's keys, which stay where they are while their entry exists.
///
/// The names come from .reg files and hives that another user may have written, and the
/// standard library's string hash has no secret: names can be made to share a bucket, every
/// lookup then walking all of them. A key whose names put more than `longest_bucket` in one
/// bucket drops its hash for good and is searched in the map, whose cost no name can raise.
template <typename Char, typename Node, typename Hash = std::hash<std::basic_string_view<Char>>>
class OrderedChildren {
 public:
  using Name = std::basic_string<Char>;
  using View = std::basic_string_view<Char>;
  using Map = std::map<Name, std::unique_ptr<Node>, std::less<>>;
  static constexpr std::size_t indexed_from = 64;
  static constexpr std::size_t longest_bucket = 16;

  OrderedChildren() = default;
  OrderedChildren(const OrderedChildren&) = delete;
  OrderedChildren& operator=(const OrderedChildren&) = delete;
  OrderedChildren(OrderedChildren&&) noexcept = default;
  OrderedChildren& operator=(OrderedChildren&&) noexcept = default;

  /// The subkey whose folded name is `folded`, or null.
  [[nodiscard]] Node* find(View folded) const {
    if (index_) {
      const auto it = index_->find(folded);
      return it == index_->end() ? nullptr : it->second;
    }
    const auto it = map_.find(folded);
    return it == map_.end() ? nullptr : it->second.get();
  }

  /// Adds `node` under `folded`; when that name is taken, keeps the one there and returns
  /// {it, false}.
  std::pair<Node*, bool> emplace(Name folded, std::unique_ptr<Node> node) {
    // Hinted at the end: a hive's subkey lists are stored in this order, so loading a key of
    // ten thousand subkeys appends each without a search (elsewhere it costs one comparison).
    const std::size_t before = map_.size();
    const auto it = map_.emplace_hint(map_.end(), std::move(folded), std::move(node));
    if (map_.size() == before) return {it->second.get(), false};
    if (index_) {
      index_emplace(it->first, it->second.get());
    } else if (map_.size() >= indexed_from && !flooded_) {
      index_ = std::make_unique<Index>();
      index_->reserve(2 * map_.size());
      for (const auto& [key, sub] : map_) {
        if (!index_emplace(key, sub.get())) break;
      }
    }
    return {it->second.get(), true};
  }

  /// Removes (and frees) the subkey `folded`; false when there is none.
  bool erase(View folded) {
    const auto it = map_.find(folded);
    if (it == map_.end()) return false;
    if (index_) index_->erase(it->first);
    map_.erase(it);
    return true;
  }

  /// Whether lookups go through the hash (false below `indexed_from` subkeys, or flooded).
  [[nodiscard]] bool indexed() const { return index_ != nullptr; }

  [[nodiscard]] std::size_t size() const { return map_.size(); }
  [[nodiscard]] bool empty() const { return map_.empty(); }
  /// (folded name, node) pairs in the folded names' order.
  [[nodiscard]] typename Map::const_iterator begin() const { return map_.begin(); }
  [[nodiscard]] typename Map::const_iterator end() const { return map_.end(); }

 private:
  using Index = std::unordered_map<View, Node*, Hash>;

  // Adds to the hash; false (and no hash from now on) when the name's bucket grows too long.
  // Counting a bucket costs what finding in it does: a name or two.
  bool index_emplace(View name, Node* node) {
    const auto at = index_->emplace(name, node).first;
    if (index_->bucket_size(index_->bucket(at->first)) <= longest_bucket) return true;
    index_.reset();
    flooded_ = true;
    return false;
  }

  Map map_;
  std::unique_ptr<Index> index_;
  bool flooded_ = false;
};

}  // namespace comreg
