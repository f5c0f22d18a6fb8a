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
  if (this != &other) {
    forget();
    root_ = other.root_->clone();
  }
  return *this;
}

MemoryBackend::Start MemoryBackend::start_of(std::string_view path) const {
  // Deepest first: the path is mostly the last one, below it, or a sibling of its last name.
  while (!last_nodes_.empty()) {
    const auto [end, node] = last_nodes_.back();
    if (end <= path.size() && (end == path.size() || path[end] == '\\') &&
        std::memcmp(path.data(), last_path_.data(), end) == 0) {
      return {node, end};
    }
    last_nodes_.pop_back();
  }
  return {root_.get(), 0};
}

MemoryBackend::Node* MemoryBackend::find(std::string_view path) const {
  auto [node, pos] = start_of(path);
  last_path_.assign(path);
  char buf[256];
  while (pos < path.size()) {
    if (path[pos] == '\\') {
      ++pos;
      continue;
    }
    const std::size_t sep = std::min(path.find('\\', pos), path.size());
    const auto folded = fold_into(path.substr(pos, sep - pos), buf);
    if (!folded) return nullptr;
    const auto it = node->children.find(*folded);
    if (it == node->children.end()) return nullptr;
    node = it->second.get();
    last_nodes_.emplace_back(sep, node);
    pos = sep;
  }
  return node;
}

void MemoryBackend::forget() const {
  last_path_.clear();
  last_nodes_.clear();
}

Status MemoryBackend::create_key(std::string_view key) {
  auto [node, pos] = start_of(key);
  last_path_.assign(key);
  while (pos < key.size()) {
    if (key[pos] == '\\') {
      ++pos;
      continue;
    }
    const std::size_t sep = std::min(key.find('\\', pos), key.size());
    const std::string_view part = key.substr(pos, sep - pos);
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
    last_nodes_.emplace_back(sep, node);
    pos = sep;
  }
  return Status::success();
}

Status MemoryBackend::set_value(std::string_view key, std::string_view name,
                                const RegValue& value) {
  return set_value(key, name, RegValue(value));
}

Status MemoryBackend::set_value(std::string_view key, std::string_view name, RegValue&& value) {
  Node* node = find(key);
  if (node == nullptr) {
    return Status::failure(BackendErrc::not_found, "key " + std::string(key) + " does not exist");
  }
  auto& entry = node->values[text::fold_case(name)];
  if (entry.first.empty()) entry.first = std::string(name);
  entry.second = std::move(value);
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
