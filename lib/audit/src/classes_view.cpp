#include "classes_view.hpp"

#include <set>

#include "core/ascii.hpp"

namespace comreg::audit_detail {

std::string ClassesView::path(Layer layer, std::string_view rel) {
  std::string p = classes_root(layer == Layer::machine ? Scope::machine : Scope::user);
  if (!rel.empty()) {
    p += '\\';
    p += rel;
  }
  return p;
}

bool ClassesView::has(Layer layer, std::string_view rel) const {
  const std::string p = path(layer, rel);
  for (const RegistryBackend* s : sources_) {
    if (s->holds(p) && s->key_exists(p)) {
      ++keys_read_;
      return true;
    }
  }
  return false;
}

std::optional<RegValue> ClassesView::value(Layer layer, std::string_view rel,
                                           std::string_view name) const {
  const std::string p = path(layer, rel);
  for (const RegistryBackend* s : sources_) {
    if (!s->holds(p)) continue;
    if (auto v = s->get_value(p, name)) return v;
  }
  return std::nullopt;
}

std::optional<std::string> ClassesView::text(Layer layer, std::string_view rel,
                                             std::string_view name) const {
  auto v = value(layer, rel, name);
  if (!v || (v->type != RegType::sz && v->type != RegType::expand_sz)) return std::nullopt;
  return std::move(v->text);
}

std::vector<std::string> ClassesView::subkeys(Layer layer, std::string_view rel) const {
  const std::string p = path(layer, rel);
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const RegistryBackend* s : sources_) {
    if (!s->holds(p)) continue;
    for (auto& name : s->subkeys(p)) {
      if (seen.insert(text::fold_case(name)).second) out.push_back(std::move(name));
    }
  }
  keys_read_ += out.size();
  return out;
}

std::optional<Layer> ClassesView::merged(std::string_view rel) const {
  if (has(Layer::user, rel)) return Layer::user;
  if (has(Layer::machine, rel)) return Layer::machine;
  return std::nullopt;
}

}  // namespace comreg::audit_detail
