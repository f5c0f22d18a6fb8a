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
template <typename Char, typename Node>
class OrderedChildren {
 public:
  using Name = std::basic_string<Char>;
  using View = std::basic_string_view<Char>;
  using Map = std::map<Name, std::unique_ptr<Node>, std::less<>>;
  static constexpr std::size_t indexed_from = 64;

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
      index_->emplace(it->first, it->second.get());
    } else if (map_.size() >= indexed_from) {
      index_ = std::make_unique<Index>();
      index_->reserve(2 * map_.size());
      for (const auto& [key, sub] : map_) index_->emplace(key, sub.get());
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

  [[nodiscard]] std::size_t size() const { return map_.size(); }
  [[nodiscard]] bool empty() const { return map_.empty(); }
  /// (folded name, node) pairs in the folded names' order.
  [[nodiscard]] typename Map::const_iterator begin() const { return map_.begin(); }
  [[nodiscard]] typename Map::const_iterator end() const { return map_.end(); }

 private:
  using Index = std::unordered_map<View, Node*>;
  Map map_;
  std::unique_ptr<Index> index_;
};

}  // namespace comreg
