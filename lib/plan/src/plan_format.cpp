// Renderings of a plan: text for people and golden files, JSON for tools.
#include <cstdio>
#include <string>
#include <string_view>

#include "comreg/plan/plan.hpp"
#include "plan/json_text.hpp"

namespace comreg {
namespace {

const char* ownership_name(Ownership o) {
  return o == Ownership::owned ? "owned" : "shared";
}

// physical_key() without a copy for the 64-bit view, where it is the key itself.
void append_physical_key(std::string& out, const std::string& key, View view) {
  if (view == View::v32) {
    out += physical_key(key, view);
  } else {
    out += key;
  }
}

// `s` padded with spaces to `width`.
void append_padded(std::string& out, std::string_view s, std::size_t width) {
  out += s;
  if (s.size() < width) out.append(width - s.size(), ' ');
}

// A plan written to a sink is handed on in pieces of this size, from one reused buffer.
constexpr std::size_t sink_chunk = std::size_t{1} << 19;

// The text into `out`; with a sink, handed on whenever `out` holds a chunk, and at the end.
void write_text(const Plan& plan, std::string& out, ByteSink* sink) {
  std::size_t keys = 0, owned = 0, values = 0;
  for (const auto& op : plan.ops) {
    if (op.kind == OpKind::create_key) {
      ++keys;
      owned += op.ownership == Ownership::owned;
    } else {
      ++values;
    }
  }
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
      append_physical_key(out, op.key, plan.options.view);
      out += '\n';
    } else {
      out += "    ";
      if (op.name.empty()) {
        append_padded(out, "@", 24);
      } else {
        const std::size_t start = out.size();
        out += '"';
        out += op.name;
        out += '"';
        if (out.size() - start < 24) out.append(24 - (out.size() - start), ' ');
      }
      out += ' ';
      append_padded(out, reg_type_name(op.value.type), 14);
      out += ' ';
      op.value.display(out);
      out += '\n';
    }
    if (sink != nullptr && out.size() >= sink_chunk) {
      sink->write(out);
      out.clear();
    }
  }
  if (sink != nullptr) sink->write(out);
}

}  // namespace

std::string plan_to_text(const Plan& plan) {
  std::string out;
  out.reserve(plan.ops.size() * 96);
  write_text(plan, out, nullptr);
  return out;
}

void plan_to_text(const Plan& plan, ByteSink& out) {
  std::string buffer;
  buffer.reserve(sink_chunk + 4096);
  write_text(plan, buffer, &out);
}

namespace {

// The JSON into `out`, in exactly the bytes nlohmann's dump(2) gives the same document
// (goldens and CLI cases pin them); with a sink, handed on whenever `out` holds a chunk, and at
// the end: a document of 300,000 operations held 280 MB, its text 90 MB.
void write_json(const Plan& plan, std::string& out, ByteSink* sink) {
  out += "{\n  \"scope\": ";
  append_json_string(out, to_string(plan.options.scope));
  out += ",\n  \"view\": ";
  append_json_string(out, to_string(plan.options.view));
  out += ",\n  \"root\": ";
  append_json_string(out, classes_root(plan.options.scope));
  out += ",\n  \"operations\": ";
  if (plan.ops.empty()) {
    out += "[]\n}\n";
    if (sink != nullptr) sink->write(out);
    return;
  }
  out += "[";
  const char* separator = "\n";
  for (const auto& op : plan.ops) {
    out += separator;
    separator = ",\n";
    const bool key = op.kind == OpKind::create_key;
    out += key ? "    {\n      \"op\": \"createKey\",\n      \"key\": "
               : "    {\n      \"op\": \"setValue\",\n      \"key\": ";
    append_json_string(out, op.key);
    out += ",\n      \"physicalKey\": ";
    if (plan.options.view == View::v32) {
      append_json_string(out, physical_key(op.key, plan.options.view));
    } else {
      append_json_string(out, op.key);  // the physical key is the key itself
    }
    if (key) {
      out += ",\n      \"ownership\": \"";
      out += ownership_name(op.ownership);
      out += '"';
    } else {
      out += ",\n      \"name\": ";
      append_json_string(out, op.name);
      out += ",\n      \"type\": ";
      append_json_string(out, reg_type_name(op.value.type));
      out += ",\n      \"value\": ";
      append_value_data_json(out, op.value, "      ");
    }
    out += ",\n      \"origin\": ";
    append_json_string(out, plan.origin_of(op));
    out += "\n    }";
    if (sink != nullptr && out.size() >= sink_chunk) {
      sink->write(out);
      out.clear();
    }
  }
  out += "\n  ]\n}\n";
  if (sink != nullptr) sink->write(out);
}

}  // namespace

std::string plan_to_json(const Plan& plan) {
  std::string out;
  out.reserve(256 + plan.ops.size() * 320);  // pages never written are never resident
  write_json(plan, out, nullptr);
  return out;
}

void plan_to_json(const Plan& plan, ByteSink& out) {
  std::string buffer;
  buffer.reserve(sink_chunk + 4096);
  write_json(plan, buffer, &out);
}

}  // namespace comreg
