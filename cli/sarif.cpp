#include "sarif.hpp"

#include <nlohmann/json.hpp>

namespace comreg::cli {
namespace {

using json = nlohmann::ordered_json;

// A relative or absolute file name as a URI reference: '\' read as '/', and the characters a
// URI cannot hold percent-encoded.
std::string file_uri(const std::string& file) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : file) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\\') {
      out += '/';
    } else if (c <= 0x20 || c >= 0x7f || c == '%' || c == '"' || c == '<' || c == '>' || c == '#' ||
               c == '?' || c == '[' || c == ']' || c == '^' || c == '`' || c == '{' || c == '|' ||
               c == '}') {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

json location(const SarifResult& r) {
  if (!r.file.empty()) {
    json physical{{"artifactLocation", {{"uri", file_uri(r.file)}}}};
    if (r.line > 0) {
      json region{{"startLine", r.line}};
      if (r.column > 0) region["startColumn"] = r.column;
      physical["region"] = region;
    }
    return {{"physicalLocation", physical}};
  }
  const std::size_t slash = r.registry_path.rfind('\\');
  return {{"logicalLocations",
           json::array({{{"name", slash == std::string::npos ? r.registry_path
                                                             : r.registry_path.substr(slash + 1)},
                         {"fullyQualifiedName", r.registry_path},
                         {"kind", r.registry_value ? "registryValue" : "registryKey"}}})}};
}

}  // namespace

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "none";
}

std::string format_sarif(const std::vector<SarifRule>& rules,
                         const std::vector<SarifResult>& results) {
  json driver_rules = json::array();
  for (const auto& r : rules) {
    json rule{{"id", r.id},
              {"name", r.name},
              {"shortDescription", {{"text", r.short_description}}},
              {"fullDescription", {{"text", r.full_description}}},
              {"help", {{"text", r.help}}},
              {"defaultConfiguration", {{"level", sarif_level(r.level)}}}};
    if (!r.help_uri.empty()) rule["helpUri"] = r.help_uri;
    driver_rules.push_back(std::move(rule));
  }
  json out_results = json::array();
  for (const auto& r : results) {
    json result{{"ruleId", r.rule_id},
                {"level", sarif_level(r.level)},
                {"message", {{"text", r.message}}},
                {"locations", json::array({location(r)})}};
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (rules[i].id == r.rule_id) result["ruleIndex"] = i;
    }
    out_results.push_back(std::move(result));
  }
  const json log{
      {"$schema",
       "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
       "sarif-schema-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool", {{"driver", {{"name", "comreg"}, {"rules", driver_rules}}}}},
                             {"results", out_results}}})}};
  return log.dump(2) + "\n";
}

}  // namespace comreg::cli
