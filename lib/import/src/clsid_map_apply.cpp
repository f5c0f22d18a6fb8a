// apply_clsid_map: the registration comhost.dll's DllRegisterServer makes from its CLSID map
// (dotnet/runtime, src/native/corehost/comhost/comhost.cpp: RegisterClsid, RegisterProgId;
// clsidmap.cpp: get_map_from_json). comhost writes under HKLM\SOFTWARE\Classes only; here the
// classes root of the chosen scope stands for it. One deliberate difference: comhost sets
// CLSID\{clsid}\ProgID to the type name, which makes ProgIDFromCLSID return a name that is no
// ProgID; the ProgID itself is written there (and the difference reported as a note).
#include <nlohmann/json.hpp>

#include "comreg/core/guid.hpp"
#include "comreg/import/script_apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "core/line_index.hpp"

namespace comreg {
namespace {

// A member name's place in the text, for messages (the JSON parser keeps no positions).
SourceLocation locate(std::string_view text, const std::string& member, const std::string& file) {
  const std::size_t at = text.find("\"" + member + "\"");
  if (at == std::string_view::npos) return {file, 0, 0, ""};
  const auto p = LineIndex(text).position(static_cast<std::uint32_t>(at));
  return {file, p.line, p.column, ""};
}

struct ClsidMapEntry {
  std::string clsid, type, progid;
};

bool write_entries(const std::vector<ClsidMapEntry>& entries, const std::string& module,
                   const ScriptApplyOptions& options, RegistryBackend& registry,
                   Diagnostics& diagnostics, ScriptApplyResult& result);

// Creates `key` (a registry wants the key before its values, as RegCreateKeyEx makes it) and
// sets one value.
Status put(RegistryBackend& registry, const std::string& key, const std::string& name,
           const std::string& text) {
  if (Status s = registry.create_key(key); !s.ok()) return s;
  return registry.set_value(key, name, RegValue::sz(text));
}

}  // namespace

ScriptApplyResult apply_clsid_map(std::string_view json, const std::string& module,
                                  const ScriptApplyOptions& options, RegistryBackend& registry,
                                  Diagnostics& diagnostics) {
  ScriptApplyResult result;
  nlohmann::json map;
  try {
    map = nlohmann::json::parse(json);
  } catch (const nlohmann::json::parse_error& e) {
    const std::size_t byte = e.byte == 0 ? 0 : e.byte - 1;
    const auto p = LineIndex(json).position(
        static_cast<std::uint32_t>(byte < json.size() ? byte : json.size()));
    diagnostics.error("clsidmap-syntax", "not JSON: " + std::string(e.what()),
                      {options.file, p.line, p.column, ""});
    return result;
  } catch (const nlohmann::json::exception& e) {
    // A number too large for any type (out_of_range.406, found by fuzz_clsidmap): located at
    // the text the message quotes.
    const std::string what = e.what();
    const std::size_t open = what.find('\'');
    const std::size_t close = what.rfind('\'');
    std::size_t at = 0;
    if (open != std::string::npos && close > open) {
      at = json.find(what.substr(open + 1, close - open - 1));
      if (at == std::string_view::npos) at = 0;
    }
    const auto p = LineIndex(json).position(static_cast<std::uint32_t>(at));
    diagnostics.error("clsidmap-syntax", "not a CLSID map: " + what,
                      {options.file, p.line, p.column, ""});
    return result;
  }
  if (!map.is_object()) {
    diagnostics.error("clsidmap-shape", "a CLSID map is an object of CLSIDs",
                      {options.file, 1, 1, ""},
                      "write {\"{clsid}\": {\"type\": …, \"assembly\": …}}");
    return result;
  }
  std::vector<ClsidMapEntry> entries;
  for (const auto& item : map.items()) {
    const std::string& name = item.key();
    const nlohmann::json& value = item.value();
    // comhost braces a CLSID written without its braces, and skips one that is no CLSID.
    const auto clsid = normalize_guid(name);
    if (!clsid) {
      diagnostics.warning("clsidmap-clsid",
                          "'" + name + "' is not a CLSID: comhost skips it, and so does import",
                          locate(json, name, options.file));
      continue;
    }
    const auto text_member = [&](const char* member, bool required) -> std::optional<std::string> {
      if (!value.is_object() || !value.contains(member)) {
        if (required) {
          diagnostics.error("clsidmap-shape", "CLSID " + name + " has no \"" + member + "\" string",
                            locate(json, name, options.file));
        }
        return std::nullopt;
      }
      if (!value.at(member).is_string()) {
        diagnostics.error("clsidmap-shape",
                          "\"" + std::string(member) + "\" of CLSID " + name + " is not a string",
                          locate(json, name, options.file));
        return std::nullopt;
      }
      return value.at(member).get<std::string>();
    };
    const auto type = text_member("type", true);
    const auto assembly = text_member("assembly", true);
    const auto progid = text_member("progid", false);
    if (!type || !assembly) continue;
    entries.push_back({*clsid, *type, progid.value_or("")});
  }
  if (diagnostics.has_errors()) return result;

  if (entries.empty()) {
    diagnostics.error("clsidmap-empty", "the CLSID map names no class", {options.file, 1, 1, ""});
    return result;
  }
  // A ProgID the registry refuses as a key name shows only when written: the map is tried on
  // an empty registry first, so that a refused map leaves `registry` as it was (found by
  // fuzz_clsidmap).
  MemoryBackend trial;
  if (!write_entries(entries, module, options, trial, diagnostics, result)) return result;
  if (!write_entries(entries, module, options, registry, diagnostics, result)) return result;
  result.ok = true;
  return result;
}

namespace {

bool write_entries(const std::vector<ClsidMapEntry>& entries, const std::string& module,
                   const ScriptApplyOptions& options, RegistryBackend& registry,
                   Diagnostics& diagnostics, ScriptApplyResult& result) {
  result.notes.clear();
  const std::string root = classes_root(options.scope);
  for (const auto& e : entries) {
    const std::string clsid_key = root + "\\CLSID\\" + e.clsid;
    Status s = put(registry, clsid_key, "", e.type);
    if (s.ok()) s = put(registry, clsid_key + "\\InprocServer32", "", module);
    if (s.ok()) s = put(registry, clsid_key + "\\InprocServer32", "ThreadingModel", "Both");
    if (s.ok() && !e.progid.empty()) {
      s = put(registry, clsid_key + "\\ProgID", "", e.progid);
      if (s.ok()) s = put(registry, root + "\\" + e.progid, "", e.type);
      if (s.ok()) s = put(registry, root + "\\" + e.progid + "\\CLSID", "", e.clsid);
      result.notes.push_back({clsid_key + "\\ProgID", "", true,
                              "comhost writes the type name '" + e.type +
                                  "' here; the description writes the ProgID, as COM reads it"});
    }
    if (!s.ok()) {
      diagnostics.error("clsidmap-apply", s.message, {options.file, 1, 1, ""});
      return false;
    }
  }
  return true;
}

}  // namespace

}  // namespace comreg
