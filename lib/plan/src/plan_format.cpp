// Renderings of a plan: text for people and golden files, JSON for tools.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "comreg/plan/plan.hpp"
#include "plan/value_json.hpp"

namespace comreg {
namespace {

const char* ownership_name(Ownership o) {
  return o == Ownership::owned ? "owned" : "shared";
}

}  // namespace

std::string plan_to_text(const Plan& plan) {
  std::size_t keys = 0, owned = 0, values = 0;
  for (const auto& op : plan.ops) {
    if (op.kind == OpKind::create_key) {
      ++keys;
      owned += op.ownership == Ownership::owned;
    } else {
      ++values;
    }
  }
  std::string out;
  out.reserve(plan.ops.size() * 96);
  out += "# comreg plan: scope=";
  out += to_string(plan.options.scope);
  out += " view=";
  out += to_string(plan.options.view);
  out += " root=" + classes_root(plan.options.scope) + "\n";
  out += "# " + std::to_string(keys) + " keys (" + std::to_string(owned) + " owned, " +
         std::to_string(keys - owned) + " shared), " + std::to_string(values) + " values\n";
  for (const auto& op : plan.ops) {
    if (op.kind == OpKind::create_key) {
      out += "key ";
      out += ownership_name(op.ownership);
      out += op.ownership == Ownership::owned ? "  " : " ";
      out += physical_key(op.key, plan.options.view);
      out += '\n';
    } else {
      std::string name = op.name.empty() ? "@" : "\"" + op.name + "\"";
      if (name.size() < 24) name.resize(24, ' ');
      std::string type = reg_type_name(op.value.type);
      if (type.size() < 14) type.resize(14, ' ');
      out += "    " + name + " " + type + " " + op.value.display() + "\n";
    }
  }
  return out;
}

std::string plan_to_json(const Plan& plan) {
  using nlohmann::ordered_json;
  ordered_json ops = ordered_json::array();
  for (const auto& op : plan.ops) {
    ordered_json j;
    const bool key = op.kind == OpKind::create_key;
    j["op"] = key ? "createKey" : "setValue";
    j["key"] = op.key;
    j["physicalKey"] = physical_key(op.key, plan.options.view);
    if (key) {
      j["ownership"] = ownership_name(op.ownership);
    } else {
      j["name"] = op.name;
      j["type"] = reg_type_name(op.value.type);
      j["value"] = value_data_json(op.value);
    }
    j["origin"] = plan.origin_of(op);
    ops.push_back(std::move(j));
  }
  ordered_json doc;
  doc["scope"] = to_string(plan.options.scope);
  doc["view"] = to_string(plan.options.view);
  doc["root"] = classes_root(plan.options.scope);
  doc["operations"] = std::move(ops);
  return doc.dump(2) + "\n";
}

}  // namespace comreg
