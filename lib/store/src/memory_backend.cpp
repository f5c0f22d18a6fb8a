// MemoryBackend: the registry as an in-memory tree. Names compare case-insensitively (ASCII
// folding, as the registry does for the names COM uses) and keep their first spelling.
#include "comreg/store/memory_backend.hpp"

#include <algorithm>
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

  // Runs for every read of the store: no allocation. `start` skips a prefix already found.
  Node* find(std::string_view path, std::size_t start = 0) {
    Node* node = this;
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
    }
    return node;
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
    forget();
    root_ = other.root_->clone();
  }
  return *this;
}

namespace {

// The length of `known` when `path` is that key or a key below it, spelled the same; else 0.
std::size_t known_prefix(std::string_view path, std::string_view known) {
  if (known.empty() || !path.starts_with(known)) return 0;
  return path.size() == known.size() || path[known.size()] == '\\' ? known.size() : 0;
}

}  // namespace

MemoryBackend::Node* MemoryBackend::find(std::string_view path) const {
  const std::size_t known = last_node_ != nullptr ? known_prefix(path, last_path_) : 0;
  if (known == path.size() && known != 0) return last_node_;
  Node* node = known != 0 ? last_node_->find(path, known + 1) : root_->find(path);
  if (node != nullptr) remember(path, node);
  return node;
}

void MemoryBackend::remember(std::string_view path, Node* node) const {
  last_path_.assign(path);
  last_node_ = node;
}

void MemoryBackend::forget() const {
  last_path_.clear();
  last_node_ = nullptr;
}

Status MemoryBackend::create_key(std::string_view key) {
  const std::size_t known = last_node_ != nullptr ? known_prefix(key, last_path_) : 0;
  Node* node = known != 0 ? last_node_ : root_.get();
  for (auto part : split_key_path(key.substr(known))) {
    if (part.size() > 255) {
      return Status::failure(BackendErrc::io,
                             "key name longer than 255 characters in " + std::string(key));
    }
    // Most parts exist already (every key of a plan is under CLSID, Interface, …): looked up
    // folded in a buffer, allocated only when added.
    char buf[256];
    const std::string_view folded = *fold_into(part, buf);
    auto it = node->children.find(folded);
    if (it == node->children.end()) {
      it = node->children.emplace(std::string(folded), std::make_unique<Node>()).first;
      it->second->name = std::string(part);
    }
    node = it->second.get();
  }
  if (node != root_.get()) remember(key, node);
  return Status::success();
}

Status MemoryBackend::set_value(std::string_view key, std::string_view name,
                                const RegValue& value) {
  Node* node = find(key);
  if (node == nullptr) {
    return Status::failure(BackendErrc::not_found, "key " + std::string(key) + " does not exist");
  }
  auto& entry = node->values[text::fold_case(name)];
  if (entry.first.empty()) entry.first = std::string(name);
  entry.second = value;
  return Status::success();
}

Status MemoryBackend::delete_value(std::string_view key, std::string_view name) {
  if (Node* node = find(key)) node->values.erase(text::fold_case(name));
  return Status::success();
}

Status MemoryBackend::delete_tree(std::string_view key) {
  const auto parts = split_key_path(key);
  if (parts.empty()) return Status::failure(BackendErrc::unsupported, "cannot delete the root");
  forget();  // the remembered key may be in the deleted tree
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
  return find(key) != nullptr;
}

std::optional<RegValue> MemoryBackend::get_value(std::string_view key,
                                                 std::string_view name) const {
  const Node* node = find(key);
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
  if (const Node* node = find(key)) {
    for (const auto& [folded, child] : node->children) out.push_back(child->name);
  }
  return out;
}

std::vector<std::string> MemoryBackend::value_names(std::string_view key) const {
  std::vector<std::string> out;
  if (const Node* node = find(key)) {
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
