// MemoryBackend: the registry as an in-memory tree. Names compare case-insensitively (ASCII
// folding, as the registry does for the names COM uses) and keep their first spelling.
#include "comreg/store/memory_backend.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include "core/ascii.hpp"
#include "store/ordered_children.hpp"

namespace comreg {
namespace {

// `part` folded into `buf`, for lookups without an allocation; nullopt when longer than any
// registry name can be.
std::optional<std::string_view> fold_into(std::string_view part, char (&buf)[256]) {
  if (part.size() > sizeof buf) return std::nullopt;
  std::copy(part.begin(), part.end(), buf);  // not memcpy: an empty name may have no data
  text::fold_in_place(buf, part.size());
  return std::string_view(buf, part.size());
}

// How many characters `path` shares with `folded` (a folded path), compared folded: every
// call of the store starts here, so eight at a time while they agree.
std::size_t shared_folded(std::string_view path, std::string_view folded) {
  const std::size_t limit = std::min(path.size(), folded.size());
  std::size_t same = 0;
  for (; same + 8 <= limit; same += 8) {
    if (text::fold8(text::load8(path.data() + same)) != text::load8(folded.data() + same)) break;
  }
  while (same < limit && text::fold_char(path[same]) == folded[same]) ++same;
  return same;
}

}  // namespace

struct MemoryBackend::Node {
  std::string name;
  OrderedChildren<char, Node> children;                                         // by folded name
  std::map<std::string, std::pair<std::string, RegValue>, std::less<>> values;  // folded -> …

  Node* child(std::string_view folded) const { return children.find(folded); }

  Node* add_child(std::string folded, std::unique_ptr<Node> node) {
    return children.emplace(std::move(folded), std::move(node)).first;
  }

  void erase_child(std::string_view folded) { children.erase(folded); }

  std::unique_ptr<Node> clone() const {
    auto copy = std::make_unique<Node>();
    copy->name = name;
    copy->values = values;
    for (const auto& [key, sub] : children) copy->add_child(key, sub->clone());
    return copy;
  }

  void dump(std::string& out, const std::string& path) const {
    if (!path.empty()) {
      out += "[" + path + "]\n";
      for (const auto& [folded, entry] : values) {
        out += "  " + (entry.first.empty() ? std::string("@") : "\"" + entry.first + "\"") + " " +
               reg_type_name(entry.second.type) + " " + entry.second.display() + "\n";
      }
    }
    for (const auto& [folded, child] : children) {
      child->dump(out, path.empty() ? child->name : path + "\\" + child->name);
    }
  }
};

MemoryBackend::MemoryBackend() : root_(std::make_unique<Node>()) {}
MemoryBackend::~MemoryBackend() = default;
MemoryBackend::MemoryBackend(const MemoryBackend& other) : root_(other.root_->clone()) {}
MemoryBackend& MemoryBackend::operator=(const MemoryBackend& other) {
  if (this != &other) {
    root_ = other.root_->clone();
    forget_last_path();
  }
  return *this;
}

void MemoryBackend::forget_last_path() const {
  last_path_.clear();
  last_nodes_.clear();
  last_found_path_.clear();
  last_found_ = nullptr;
}

// Runs for every call of the store: no allocation once the names exist.
MemoryBackend::Node* MemoryBackend::walk(std::string_view path, bool create) const {
  // The same path, byte for byte, as the last walk, which found it: a key's values are set,
  // read and listed one call after another (more than half of the walks of an import). Only
  // while the last walk found its key do last_path_ and last_nodes_ end there, as a delete
  // needs (it walks to the parent, then frees the subtree below).
  if (last_found_ != nullptr && path == last_found_path_) return last_found_;
  Node* node = walk_names(path, create);
  last_found_ = node;
  if (node != nullptr) last_found_path_.assign(path);
  return node;
}

MemoryBackend::Node* MemoryBackend::walk_names(std::string_view path, bool create) const {
  const std::size_t same = shared_folded(path, last_path_);
  Node* node = root_.get();
  std::size_t kept = 0;
  for (; kept < last_nodes_.size(); ++kept) {
    const std::size_t end = last_nodes_[kept].first;
    if (end > same || (end < path.size() && path[end] != '\\')) break;
    node = last_nodes_[kept].second;
  }
  last_nodes_.resize(kept);
  last_path_.resize(kept == 0 ? 0 : last_nodes_.back().first);
  char buf[256];
  std::size_t start = last_path_.size();
  while (start < path.size()) {
    const std::size_t sep = std::min(path.find('\\', start), path.size());
    const std::string_view part = path.substr(start, sep - start);
    start = sep + 1;
    if (part.empty()) continue;
    const auto folded = fold_into(part, buf);
    if (!folded) return nullptr;
    Node* next = node->child(*folded);
    if (next == nullptr) {
      if (!create) return nullptr;
      auto made = std::make_unique<Node>();
      made->name = std::string(part);
      next = node->add_child(std::string(*folded), std::move(made));
    }
    node = next;
    // Between the last name kept and this one there are only backslashes (empty names).
    last_path_.append(sep - part.size() - last_path_.size(), '\\');
    last_path_.append(*folded);
    last_nodes_.emplace_back(sep, node);
  }
  return node;
}

Status MemoryBackend::create_key(std::string_view key) {
  for (std::size_t start = 0; start < key.size();) {
    const std::size_t sep = std::min(key.find('\\', start), key.size());
    if (sep - start > 255) {
      return Status::failure(BackendErrc::io,
                             "key name longer than 255 characters in " + std::string(key));
    }
    start = sep + 1;
  }
  walk(key, true);
  return Status::success();
}

Status MemoryBackend::set_value(std::string_view key, std::string_view name,
                                const RegValue& value) {
  return set_value(key, name, RegValue(value));
}

Status MemoryBackend::set_value(std::string_view key, std::string_view name, RegValue&& value) {
  Node* node = walk(key, false);
  if (node == nullptr) {
    return Status::failure(BackendErrc::not_found, "key " + std::string(key) + " does not exist");
  }
  char buf[256];
  const auto folded = fold_into(name, buf);
  auto it = folded ? node->values.find(*folded) : node->values.find(text::fold_case(name));
  if (it == node->values.end()) {
    // A new value keeps its name as first spelled.
    it = node->values
             .emplace(folded ? std::string(*folded) : text::fold_case(name),
                      std::pair<std::string, RegValue>(std::string(name), RegValue{}))
             .first;
  }
  it->second.second = std::move(value);
  return Status::success();
}

Status MemoryBackend::delete_value(std::string_view key, std::string_view name) {
  if (Node* node = walk(key, false)) node->values.erase(text::fold_case(name));
  return Status::success();
}

Status MemoryBackend::delete_tree(std::string_view key) {
  std::size_t end = key.size();
  while (end > 0 && key[end - 1] == '\\') --end;
  if (end == 0) return Status::failure(BackendErrc::unsupported, "cannot delete the root");
  const std::size_t sep = key.rfind('\\', end - 1);
  const std::size_t from = sep == std::string_view::npos ? 0 : sep + 1;
  const std::string_view last = key.substr(from, end - from);
  Node* parent = walk(key.substr(0, from), false);
  if (parent == nullptr) return Status::success();
  // The last path walked is the parent's now: nothing of it goes with the tree.
  parent->erase_child(text::fold_case(last));
  return Status::success();
}

bool MemoryBackend::key_exists(std::string_view key) const {
  return walk(key, false) != nullptr;
}

std::optional<RegValue> MemoryBackend::get_value(std::string_view key,
                                                 std::string_view name) const {
  const Node* node = walk(key, false);
  if (node == nullptr) return std::nullopt;
  char buf[256];
  const auto folded = fold_into(name, buf);
  // Value names may be longer than key names: those few take the allocating path.
  const auto it = folded ? node->values.find(*folded) : node->values.find(text::fold_case(name));
  if (it == node->values.end()) return std::nullopt;
  return it->second.second;
}

std::vector<std::string> MemoryBackend::subkeys(std::string_view key) const {
  std::vector<std::string> out;
  if (const Node* node = walk(key, false)) {
    out.reserve(node->children.size());
    for (const auto& [folded, child] : node->children) out.push_back(child->name);
  }
  return out;
}

std::vector<std::string> MemoryBackend::value_names(std::string_view key) const {
  std::vector<std::string> out;
  if (const Node* node = walk(key, false)) {
    out.reserve(node->values.size());
    for (const auto& [folded, entry] : node->values) out.push_back(entry.first);
  }
  return out;
}

std::optional<KeyContents> MemoryBackend::read_key(std::string_view key) const {
  const Node* node = walk(key, false);
  if (node == nullptr) return std::nullopt;
  KeyContents out;
  out.values.reserve(node->values.size());
  for (const auto& [folded, entry] : node->values) out.values.push_back(entry);
  out.subkeys.reserve(node->children.size());
  for (const auto& [folded, child] : node->children) out.subkeys.push_back(child->name);
  return out;
}

std::optional<KeyCounts> MemoryBackend::key_counts(std::string_view key) const {
  const Node* node = walk(key, false);
  if (node == nullptr) return std::nullopt;
  return KeyCounts{node->values.size(), node->children.size()};
}

std::string MemoryBackend::dump() const {
  std::string out;
  root_->dump(out, {});
  return out;
}

bool operator==(const MemoryBackend& a, const MemoryBackend& b) {
  return a.dump() == b.dump();
}

}  // namespace comreg
