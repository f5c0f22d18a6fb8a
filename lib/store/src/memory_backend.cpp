// MemoryBackend: the registry as an in-memory tree. Names compare case-insensitively (ASCII
// folding, as the registry does for the names COM uses) and keep their first spelling.
#include "comreg/store/memory_backend.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include "core/ascii.hpp"
#include "store/key_parts.hpp"

namespace comreg {
namespace {

// `part` folded into `buf`, for lookups without an allocation; nullopt when longer than any
// registry name can be.
std::optional<std::string_view> fold_into(std::string_view part, char (&buf)[256]) {
  if (part.size() > sizeof buf) return std::nullopt;
  for (std::size_t i = 0; i < part.size(); ++i) {
    const char c = part[i];
    buf[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::string_view(buf, part.size());
}

}  // namespace

struct MemoryBackend::Node {
  std::string name;
  std::map<std::string, std::unique_ptr<Node>, std::less<>> children;           // by folded name
  std::map<std::string, std::pair<std::string, RegValue>, std::less<>> values;  // folded -> …

  std::unique_ptr<Node> clone() const {
    auto copy = std::make_unique<Node>();
    copy->name = name;
    copy->values = values;
    for (const auto& [key, child] : children) copy->children.emplace(key, child->clone());
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
  forget_lookups();
  if (this != &other) root_ = other.root_->clone();
  return *this;
}

MemoryBackend::Node* MemoryBackend::lookup(std::string_view path) const {
  const std::size_t limit = std::min(path.size(), last_path_.size());
  std::size_t common = 0;
  // Eight bytes at a time: paths share long prefixes (a root, CLSID\{…}).
  while (common + 8 <= limit &&
         std::memcmp(path.data() + common, last_path_.data() + common, 8) == 0)
    common += 8;
  while (common < limit && path[common] == last_path_[common]) ++common;
  // The keys of the last path that this one names too: same bytes up to the end of the name.
  Node* node = root_.get();
  std::size_t start = 0;
  std::size_t kept = 0;
  for (; kept < last_nodes_.size(); ++kept) {
    const std::size_t end = last_nodes_[kept].first;
    if (end > common || (end < path.size() && path[end] != '\\')) break;
    node = last_nodes_[kept].second;
    start = end + 1;
  }
  last_nodes_.resize(kept);
  last_path_.assign(path);
  char buf[256];
  while (start <= path.size()) {
    const std::size_t sep = std::min(path.find('\\', start), path.size());
    const std::string_view part = path.substr(start, sep - start);
    start = sep + 1;
    if (part.empty()) continue;
    const auto folded = fold_into(part, buf);
    if (!folded) return nullptr;
    const auto it = node->children.find(*folded);
    if (it == node->children.end()) return nullptr;
    node = it->second.get();
    last_nodes_.emplace_back(sep, node);
  }
  return node;
}

void MemoryBackend::forget_lookups() const {
  last_path_.clear();
  last_nodes_.clear();
}

Status MemoryBackend::create_key(std::string_view key) {
  if (lookup(key) != nullptr) return Status::success();
  // lookup() left the keys of `key` that exist: the names after them are added.
  Node* node = last_nodes_.empty() ? root_.get() : last_nodes_.back().second;
  std::size_t start = last_nodes_.empty() ? 0 : last_nodes_.back().first + 1;
  while (start <= key.size()) {
    const std::size_t sep = std::min(key.find('\\', start), key.size());
    const std::string_view part = key.substr(start, sep - start);
    start = sep + 1;
    if (part.empty()) continue;
    if (part.size() > 255) {
      return Status::failure(BackendErrc::io,
                             "key name longer than 255 characters in " + std::string(key));
    }
    char buf[256];
    const std::string_view folded = *fold_into(part, buf);
    auto it = node->children.find(folded);
    if (it == node->children.end()) {
      it = node->children.emplace(std::string(folded), std::make_unique<Node>()).first;
      it->second->name = std::string(part);
    }
    node = it->second.get();
    last_nodes_.emplace_back(sep, node);
  }
  return Status::success();
}

Status MemoryBackend::set_value(std::string_view key, std::string_view name,
                                const RegValue& value) {
  Node* node = lookup(key);
  if (node == nullptr) {
    return Status::failure(BackendErrc::not_found, "key " + std::string(key) + " does not exist");
  }
  char buf[256];
  const auto folded = fold_into(name, buf);
  auto it = folded ? node->values.find(*folded) : node->values.end();
  if (it == node->values.end()) {
    it = node->values.try_emplace(folded ? std::string(*folded) : text::fold_case(name)).first;
  }
  auto& entry = it->second;
  if (entry.first.empty()) entry.first = std::string(name);
  entry.second = value;
  return Status::success();
}

Status MemoryBackend::delete_value(std::string_view key, std::string_view name) {
  if (Node* node = lookup(key)) node->values.erase(text::fold_case(name));
  return Status::success();
}

Status MemoryBackend::delete_tree(std::string_view key) {
  const auto parts = split_key_path(key);
  if (parts.empty()) return Status::failure(BackendErrc::unsupported, "cannot delete the root");
  forget_lookups();  // the nodes it remembers may go
  Node* parent = root_.get();
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const auto it = parent->children.find(text::fold_case(parts[i]));
    if (it == parent->children.end()) return Status::success();
    parent = it->second.get();
  }
  parent->children.erase(text::fold_case(parts.back()));
  return Status::success();
}

bool MemoryBackend::key_exists(std::string_view key) const {
  return lookup(key) != nullptr;
}

std::optional<RegValue> MemoryBackend::get_value(std::string_view key,
                                                 std::string_view name) const {
  const Node* node = lookup(key);
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
  if (const Node* node = lookup(key)) {
    for (const auto& [folded, child] : node->children) out.push_back(child->name);
  }
  return out;
}

std::vector<std::string> MemoryBackend::value_names(std::string_view key) const {
  std::vector<std::string> out;
  if (const Node* node = lookup(key)) {
    for (const auto& [folded, entry] : node->values) out.push_back(entry.first);
  }
  return out;
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
