// Compares a registry store with a plan. Inside owned keys, anything the plan does not write
// is reported too: a stale InprocServer32 beside a LocalServer32 activates the wrong server.
#include "comreg/verify/verify.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "comreg/apply/apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "core/ascii.hpp"
#include "core/command_line.hpp"
#include "plan/value_json.hpp"
#include "verify/planned_keys.hpp"
#include "verify/registry_semantics.hpp"

namespace comreg {
namespace {

bool starts_with_component(std::string_view key, std::string_view first) {
  return key.size() > first.size() && key[first.size()] == '\\' &&
         text::iequals(key.substr(0, first.size()), first);
}

bool ends_with_component(std::string_view key, std::string_view last) {
  return key.size() > last.size() && key[key.size() - last.size() - 1] == '\\' &&
         text::iequals(key.substr(key.size() - last.size()), last);
}

// The file a server or type library path names: the text after the last backslash, without
// quotes or a command line's arguments ("C:\\a\\svc.exe" /automation -> svc.exe).
std::string file_of(std::string_view path) {
  path = intended_command(path).program;
  const std::size_t slash = path.find_last_of("\\/");
  return text::fold_case(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool is_string(const RegValue& v) {
  return v.type == RegType::sz || v.type == RegType::expand_sz;
}

// For a default value whose string differs from the plan's, the kind of drift it is: a server
// path or type library file elsewhere, or registered to another file; a ProgID naming another
// class; a CurVer naming another ProgID. Other values are plain wrong values.
Finding::Kind wrong_value_kind(const Operation& op, const RegValue& found) {
  if (!op.name.empty() || !is_string(found) || !is_string(op.value) ||
      found.type != op.value.type) {
    return Finding::Kind::wrong_value;
  }
  const bool is_class = starts_with_component(op.key, "CLSID");
  const bool is_typelib = starts_with_component(op.key, "TypeLib");
  if ((is_class && (ends_with_component(op.key, "InprocServer32") ||
                    ends_with_component(op.key, "LocalServer32") ||
                    ends_with_component(op.key, "InprocHandler32"))) ||
      (is_typelib &&
       (ends_with_component(op.key, "win32") || ends_with_component(op.key, "win64")))) {
    return file_of(found.text) == file_of(op.value.text) ? Finding::Kind::server_path_differs
                                                         : Finding::Kind::foreign_server;
  }
  if (subject_of(op.key).rfind("ProgID ", 0) == 0 &&
      std::count(op.key.begin(), op.key.end(), '\\') == 1) {
    if (ends_with_component(op.key, "CLSID")) return Finding::Kind::foreign_progid;
    if (ends_with_component(op.key, "CurVer")) return Finding::Kind::stale_curver;
  }
  return Finding::Kind::wrong_value;
}

// RegValue equality without composing raw bytes for the common forms (strings and numbers
// read from text): verify compares every value of the plan.
bool same_value(const RegValue& a, const RegValue& b) {
  if (a.type != b.type) return false;
  if (a.bytes.empty() && b.bytes.empty()) {
    switch (a.type) {
      case RegType::sz:
      case RegType::expand_sz:
        return a.text == b.text;
      case RegType::dword:
      case RegType::qword:
        return a.number == b.number;
      default:
        break;
    }
  }
  return a == b;
}

void append_folded(std::string& out, std::string_view s) {
  const std::size_t start = out.size();
  out += s;
  text::fold_in_place(out.data() + start, s.size());
}

std::string second_component(std::string_view key) {
  const std::size_t a = key.find('\\');
  const std::size_t b = key.find('\\', a + 1);
  return std::string(key.substr(a + 1, b == std::string_view::npos ? key.npos : b - a - 1));
}

}  // namespace

std::string subject_of(std::string_view key) {
  static constexpr std::pair<const char*, const char*> kinds[] = {
      {"CLSID", "class"}, {"Interface", "interface"},           {"TypeLib", "type library"},
      {"AppID", "AppID"}, {"Component Categories", "category"}, {"Licenses", "licence"}};
  for (const auto& [first, label] : kinds) {
    if (starts_with_component(key, first)) return std::string(label) + " " + second_component(key);
  }
  return "ProgID " + std::string(key.substr(0, key.find('\\')));
}

VerifyReport verify(const Plan& plan, const RegistryBackend& registry,
                    const VerifyOptions& options) {
  // Findings per subject, subjects in plan order.
  std::vector<std::string> order;
  std::map<std::string, std::vector<Finding>> by_subject;
  auto add = [&](Finding f) {
    auto [it, added] = by_subject.try_emplace(f.subject);
    if (added) order.push_back(f.subject);
    it->second.push_back(std::move(f));
  };

  // The plan indexed once, a key at a time: its full path is composed and looked up once for
  // each run of operations on it (a 10,000-class plan has 300,000 operations, 150,000 keys).
  const std::string root = classes_root(plan.options.scope) + "\\";
  const bool physical = !registry.redirects_views() && plan.options.view == View::v32;
  PlannedKeys planned(plan, root, physical);

  const bool others = !options.others_keys.empty() || !options.others_values.empty();
  std::string path, scratch, folded_name;
  const Operation* previous = nullptr;
  // Whether the current key exists, asked at most once for its run.
  enum class Known { unknown, exists, absent } known = Known::unknown;
  const auto exists = [&] {
    if (known == Known::unknown) known = registry.key_exists(path) ? Known::exists : Known::absent;
    return known == Known::exists;
  };
  for (std::size_t i = 0; i < plan.ops.size(); ++i) {
    const Operation& op = plan.ops[i];
    if (previous == nullptr || previous->key != op.key) {
      full_key_path(root, physical, plan.options.view, op.key, path);
      known = Known::unknown;
    }
    previous = &op;
    const std::uint32_t key = planned.key_of(i);
    const std::string_view folded = planned.folded(key);
    const std::string& origin = plan.origin_of(op);
    if (op.kind == OpKind::create_key) {
      if (!exists()) {
        if (!planned.under_missing(folded))
          add({Finding::Kind::missing_key, subject_of(op.key), path, {}, {}, {}, origin, {}});
        planned.mark_missing(key);
        continue;
      }
      if (op.ownership != Ownership::owned) continue;
      // What another recorded registration claims in here is its own (relative, physical).
      const std::string relative =
          others ? text::fold_case(physical_key(op.key, plan.options.view)) : std::string();
      const auto theirs = [&](const std::unordered_set<std::string>& set, char sep,
                              std::string_view name) {
        if (set.empty()) return false;
        std::string id = relative;
        id += sep;
        id += text::fold_case(name);
        return set.count(id) != 0;
      };
      for (const auto& name : registry.value_names(path)) {
        folded_name.clear();
        append_folded(folded_name, name);
        if (!planned.sets_value(key, folded_name) && !theirs(options.others_values, '\t', name)) {
          add({Finding::Kind::unexpected_value,
               subject_of(op.key),
               path,
               name,
               {},
               registry.get_value(path, name),
               origin,
               {}});
        }
      }
      for (const auto& sub : registry.subkeys(path)) {
        scratch = folded;
        scratch += '\\';
        append_folded(scratch, sub);
        const std::uint32_t child = planned.find(scratch);
        if ((child == PlannedKeys::none || !planned.created(child)) &&
            !theirs(options.others_keys, '\\', sub)) {
          add({Finding::Kind::unexpected_key,
               subject_of(op.key),
               path + "\\" + sub,
               {},
               {},
               {},
               origin,
               {}});
        }
      }
      continue;
    }
    const auto found = registry.get_value(path, op.name);
    if (!found) {
      // An absent key was reported as a missing key already.
      if (exists())
        add({Finding::Kind::missing_value,
             subject_of(op.key),
             path,
             op.name,
             op.value,
             {},
             origin,
             {}});
    } else if (!same_value(*found, op.value)) {
      Comparison c = compare_as_windows(op.key, op.name, op.value, *found);
      // A difference with a reason (a GUID COM does not read as one) is a plain wrong value:
      // "points to another class" would not be true.
      const Finding::Kind kind =
          c.reading == Reading::same_for_windows ? Finding::Kind::same_for_windows
          : c.reading == Reading::ambiguous      ? Finding::Kind::ambiguous_command
          : c.why.empty()                        ? wrong_value_kind(op, *found)
                                                 : Finding::Kind::wrong_value;
      add({kind, subject_of(op.key), path, op.name, op.value, found, origin, std::move(c.why)});
    }
  }
  VerifyReport report;
  for (const auto& s : order) {
    for (auto& f : by_subject[s]) report.findings.push_back(std::move(f));
  }
  return report;
}

std::size_t VerifyReport::differences() const {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(),
                                                [](const Finding& f) { return !f.is_warning(); }));
}

void name_as_merged_view(VerifyReport& report, std::string_view classes_root) {
  const std::string merged = "HKEY_CLASSES_ROOT";
  bool renamed = false;
  for (auto& f : report.findings) {
    if (f.key.size() > classes_root.size() && f.key[classes_root.size()] == '\\' &&
        text::iequals(std::string_view(f.key).substr(0, classes_root.size()), classes_root)) {
      f.key = merged + f.key.substr(classes_root.size());
      renamed = true;
    }
  }
  if (renamed) {
    report.notes.push_back(
        "the export is of HKEY_CLASSES_ROOT, which merges HKEY_LOCAL_MACHINE\\Software\\Classes "
        "and HKEY_CURRENT_USER\\Software\\Classes: it cannot say which of them holds a value "
        "(compared as " +
        std::string(classes_root) + ")");
  }
}

std::vector<std::string> verified_roots(const Plan& plan) {
  static constexpr const char* two_level[] = {
      "CLSID", "Interface", "TypeLib", "AppID", "Component Categories", "Licenses"};
  std::vector<std::string> roots;
  std::unordered_set<std::string> seen;
  const MemoryBackend plain;  // a store that does not redirect views: physical paths
  // A class's or ProgID's keys follow each other in a plan: a key at or below the previous
  // key's root, byte for byte, adds nothing (finding its root, its path, fold and set entry
  // were 6 % of a verify). Only a root that is whole counts: "CLSID" alone is not the root of
  // "CLSID\{…}".
  std::string_view previous;
  bool previous_whole = false;
  for (const auto& op : plan.ops) {
    if (op.kind != OpKind::create_key) continue;
    const std::string_view key = op.key;
    if (previous_whole && key.size() >= previous.size() &&
        key.compare(0, previous.size(), previous) == 0 &&
        (key.size() == previous.size() || key[previous.size()] == '\\')) {
      continue;
    }
    std::size_t end = key.find('\\');
    bool two_levels = false;
    for (const char* first : two_level) {
      if (starts_with_component(key, first)) {
        end = key.find('\\', end + 1);
        two_levels = true;
        break;
      }
    }
    previous = key.substr(0, end);
    // Not whole: a first component alone that names a kind of two levels ("CLSID").
    previous_whole = two_levels || end != std::string_view::npos ||
                     std::none_of(std::begin(two_level), std::end(two_level),
                                  [key](const char* kind) { return text::iequals(key, kind); });
    const std::string root = registry_path(plan, previous, plain);
    if (seen.insert(text::fold_case(root)).second) roots.push_back(root);
  }
  return roots;
}

namespace {

const char* kind_name(Finding::Kind k) {
  switch (k) {
    case Finding::Kind::missing_key:
      return "missing key";
    case Finding::Kind::missing_value:
      return "missing value";
    case Finding::Kind::wrong_value:
      return "wrong value";
    case Finding::Kind::unexpected_key:
      return "unexpected key";
    case Finding::Kind::unexpected_value:
      return "unexpected value";
    case Finding::Kind::server_path_differs:
      return "server path differs";
    case Finding::Kind::foreign_server:
      return "registered to another file";
    case Finding::Kind::foreign_progid:
      return "ProgID points to another class";
    case Finding::Kind::stale_curver:
      return "CurVer points to another ProgID";
    case Finding::Kind::same_for_windows:
      return "warning: same for Windows";
    case Finding::Kind::ambiguous_command:
      return "warning: ambiguous command";
  }
  return "finding";
}

std::string typed(const RegValue& v) {
  return reg_type_name(v.type) + " " + v.display();
}

}  // namespace

std::string format_verify_report(const VerifyReport& report, bool json) {
  if (json) {
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& f : report.findings) {
      nlohmann::ordered_json j;
      j["kind"] = kind_name(f.kind);
      j["subject"] = f.subject;
      j["key"] = f.key;
      if (f.kind != Finding::Kind::missing_key && f.kind != Finding::Kind::unexpected_key) {
        j["name"] = f.name;
      }
      if (f.expected) j["expected"] = typed_value_json(*f.expected);
      if (f.found) j["found"] = typed_value_json(*f.found);
      j["origin"] = f.origin;
      if (f.is_warning()) j["warning"] = true;
      if (!f.why.empty()) j["why"] = f.why;
      if (f.expected && f.found && typed(*f.expected) == typed(*f.found)) {
        j["expectedRaw"] = raw_hex(*f.expected);
        j["foundRaw"] = raw_hex(*f.found);
      }
      findings.push_back(std::move(j));
    }
    nlohmann::ordered_json doc;
    doc["ok"] = report.ok();
    doc["findings"] = std::move(findings);
    if (!report.notes.empty()) doc["notes"] = report.notes;
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
  std::string out;
  std::string subject;
  for (const auto& f : report.findings) {
    if (f.subject != subject) {
      subject = f.subject;
      out += subject + (f.origin.empty() ? "" : " (" + f.origin + ")") + ":\n";
    }
    out += "  " + std::string(kind_name(f.kind)) + ": " + f.key;
    if (f.kind != Finding::Kind::missing_key && f.kind != Finding::Kind::unexpected_key) {
      out += " " + (f.name.empty() ? std::string("@") : "\"" + f.name + "\"");
    }
    if (f.expected && f.found && typed(*f.expected) == typed(*f.found)) {
      // Texts that look equal differ in their bytes: show the bytes.
      out += ": expected " + typed(*f.expected) + " (" + raw_hex(*f.expected) + "), found " +
             typed(*f.found) + " (" + raw_hex(*f.found) + ")";
    } else if (f.expected && f.found) {
      out += ": expected " + typed(*f.expected) + ", found " + typed(*f.found);
    } else if (f.kind == Finding::Kind::missing_value) {
      out += ": expected " + typed(*f.expected);
    } else if (f.kind == Finding::Kind::unexpected_value && f.found) {
      out += ": " + typed(*f.found);
    }
    if (!f.why.empty()) out += "\n    (" + f.why + ")";
    out += "\n";
  }
  for (const auto& note : report.notes) out += "note: " + note + "\n";
  const std::size_t differences = report.differences(), warnings = report.warnings();
  const std::string warned =
      warnings == 0 ? std::string()
                    : std::to_string(warnings) + " warning" + (warnings == 1 ? "" : "s");
  if (differences == 0) {
    out += warnings == 0 ? "matches the description\n"
                         : "matches the description as Windows reads it (" + warned + ")\n";
  } else {
    out += std::to_string(differences) + " difference" + (differences == 1 ? "" : "s") +
           (warnings == 0 ? "" : ", " + warned) + "\n";
  }
  return out;
}

}  // namespace comreg
