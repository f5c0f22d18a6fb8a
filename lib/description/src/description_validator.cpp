// Description model -> diagnostics. The rules are the loader's (description_rules.hpp,
// comreg/progid.hpp), applied to values instead of JSON: a model that was never text (an import,
// a type library) is checked without writing it out and reading it back.
//
// Members are named by the JSON pointer they have when the model is written
// (description_to_json): elements by index, empty optional strings left out. So a required
// member that the writer leaves out when empty is missing-field at its object, one it always
// writes is empty-value at itself, as the loader would say.
#include "comreg/description/description_validator.hpp"

#include <charconv>
#include <unordered_map>
#include <utility>
#include <vector>

#include "comreg/core/guid.hpp"
#include "comreg/model/progid.hpp"
#include "comreg/model/protected_identities.hpp"
#include "core/ascii.hpp"
#include "core/quoted.hpp"
#include "description/description_rules.hpp"
#include "description/placeholders.hpp"

namespace comreg {
namespace {

std::string member(const std::string& object, std::string_view name) {
  std::string out = object;
  out += '/';
  out += name;
  return out;
}

std::string indexed(const std::string& base, std::size_t index) {
  return base + "/" + std::to_string(index);
}

// First occurrence of each key, by the pointer where it was seen.
class FirstSeen {
 public:
  // The pointer of an earlier occurrence of `key`, or nothing (and `key` is remembered).
  const std::string* insert(std::string key, const std::string& pointer) {
    const auto [it, inserted] = seen_.try_emplace(std::move(key), pointer);
    return inserted ? nullptr : &it->second;
  }
  [[nodiscard]] bool contains(const std::string& key) const { return seen_.contains(key); }

 private:
  std::unordered_map<std::string, std::string> seen_;
};

struct Reference {
  enum class To : std::uint8_t { appid, typelib } to;
  std::string guid;  // normalized
  std::string pointer;
};

class Validator {
 public:
  Validator(const Description& d, const ValidateOptions& options, Diagnostics& out)
      : d_(d), options_(options), out_(out) {}

  void run() {
    if (d_.format_version != 1) {
      error("unsupported-version",
            "format version " + std::to_string(d_.format_version) + " is not supported", "/comreg",
            "this comreg reads \"comreg\": 1");
    }
    assembly();
    if (d_.servers.empty()) {
      error("empty-value", "'servers' is empty", "/servers",
            "describe at least one server binary and its classes");
    }
    for (std::size_t i = 0; i < d_.servers.size(); ++i) {
      server(d_.servers[i], indexed("/servers", i));
    }
    for (std::size_t i = 0; i < d_.appids.size(); ++i) {
      appid(d_.appids[i], indexed("/appids", i));
    }
    for (std::size_t i = 0; i < d_.typelibs.size(); ++i) {
      typelib(d_.typelibs[i], indexed("/typelibs", i));
    }
    for (std::size_t i = 0; i < d_.interfaces.size(); ++i) {
      interface(d_.interfaces[i], indexed("/interfaces", i));
    }
    for (std::size_t i = 0; i < d_.categories.size(); ++i) {
      category(d_.categories[i], indexed("/categories", i));
    }
    check_references();
  }

 private:
  // Through the source map when there is one; else at the line and column of the element the
  // pointer falls in, when the model knows where that element was written; else by pointer.
  SourceLocation where(const std::string& pointer) const {
    if (options_.source != nullptr) return options_.source->locate(pointer);
    SourceLocation at{options_.file.empty() ? d_.file : options_.file, 0, 0, pointer};
    const SourceRef* element = element_of(pointer);
    if (element != nullptr && element->line != 0 && pointer.starts_with(element->pointer)) {
      at.line = element->line;
      at.column = element->column;
    }
    return at;
  }

  // The model element whose JSON pointer `pointer` starts with (the deepest), or nullptr.
  const SourceRef* element_of(std::string_view pointer) const {
    std::vector<std::string_view> tokens;
    while (pointer.size() > 1 && pointer.front() == '/') {
      pointer.remove_prefix(1);
      const std::size_t slash = pointer.find('/');
      tokens.push_back(pointer.substr(0, slash));
      pointer = slash == std::string_view::npos ? std::string_view{} : pointer.substr(slash);
    }
    const auto index = [&](std::size_t i, std::size_t size) -> std::optional<std::size_t> {
      if (i >= tokens.size()) return std::nullopt;
      std::size_t n = 0;
      const auto [end, ec] =
          std::from_chars(tokens[i].data(), tokens[i].data() + tokens[i].size(), n);
      if (ec != std::errc() || end != tokens[i].data() + tokens[i].size() || n >= size) {
        return std::nullopt;
      }
      return n;
    };
    if (tokens.empty()) return nullptr;
    const std::string_view list = tokens[0];
    if (list == "assembly") return &d_.assembly.at;
    if (list == "servers") {
      const auto s = index(1, d_.servers.size());
      if (!s) return nullptr;
      const Server& server = d_.servers[*s];
      if (tokens.size() > 2 && tokens[2] == "classes") {
        if (const auto c = index(3, server.classes.size())) return &server.classes[*c].at;
      }
      return &server.at;
    }
    const auto in = [&](const auto& items) -> const SourceRef* {
      const auto i = index(1, items.size());
      return i ? &items[*i].at : nullptr;
    };
    if (list == "appids") return in(d_.appids);
    if (list == "typelibs") return in(d_.typelibs);
    if (list == "interfaces") return in(d_.interfaces);
    if (list == "categories") return in(d_.categories);
    return nullptr;
  }

  void error(const char* code, std::string message, const std::string& pointer, std::string hint) {
    out_.error(code, std::move(message), where(pointer), std::move(hint));
  }

  bool report(std::optional<RuleProblem> problem, const std::string& pointer) {
    if (!problem) return false;
    error(problem->code, std::move(problem->message), pointer, std::move(problem->hint));
    return true;
  }

  void missing(const std::string& object, std::string_view name) {
    error("missing-field", "missing required member '" + std::string(name) + "'", object,
          "add \"" + std::string(name) + "\"");
  }

  // A string member as written: no control characters, not empty when `required`, not too
  // long for the registry. True when it passes.
  bool text(std::string_view value, const std::string& object, std::string_view name,
            bool required = false) {
    const std::string pointer = member(object, name);
    if (report(control_character_problem(value), pointer)) return false;
    if (required && value.empty()) {
      report(empty_value_problem(name), pointer);
      return false;
    }
    return !report(length_problem(value, name), pointer);
  }

  // A path-like member: a string whose ${name} placeholders are checked as the loader resolves
  // them, when the options ask for it.
  bool path(std::string_view value, const std::string& object, std::string_view name,
            bool required = false) {
    if (!text(value, object, name, required)) return false;
    if (!options_.placeholders || value.find("${") == std::string_view::npos) return true;
    std::vector<PlaceholderProblem> problems;
    (void)resolve_placeholders(value, {}, {}, *options_.placeholders, problems);
    for (auto& p : problems) {
      error(p.code, std::move(p.message), member(object, name), std::move(p.hint));
    }
    return problems.empty();
  }

  // A GUID value, normalized; reported when it is not one.
  std::optional<std::string> guid(std::string_view value, const std::string& pointer) {
    if (report(control_character_problem(value), pointer)) return std::nullopt;
    auto g = normalize_guid(value);
    if (!g) {
      error("bad-guid", "invalid GUID " + quoted(value), pointer,
            "write a GUID as {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} (32 hex digits; braces "
            "optional)");
    }
    return g;
  }

  std::optional<std::string> optional_guid(const std::string& value, const std::string& object,
                                           std::string_view name) {
    if (value.empty()) return std::nullopt;
    return guid(value, member(object, name));
  }

  bool unique(FirstSeen& seen, std::string key, const std::string& pointer, const char* code,
              const std::string& what) {
    const std::string* first = seen.insert(std::move(key), pointer);
    if (first == nullptr) return true;
    error(code, what + " is already used at " + *first, pointer,
          "each must be unique within the description");
    return false;
  }

  // A GUID that identifies its element: valid and unique.
  std::optional<std::string> identifier(const std::string& value, const std::string& object,
                                        std::string_view name, FirstSeen& seen, const char* code,
                                        const char* label) {
    const std::string pointer = member(object, name);
    auto g = guid(value, pointer);
    if (g) unique(seen, *g, pointer, code, std::string(label) + " " + *g);
    return g;
  }

  // Windows' own identities are never a description's to register (or to delete).
  void protect(const std::string& pointer, IdentityKind kind, std::string_view id) {
    const ProtectedIdentityProblem problem = check_protected_identity(kind, id);
    if (problem.code != nullptr) error(problem.code, problem.message, pointer, problem.hint);
  }

  void range(const std::optional<std::uint32_t>& value, const std::string& object,
             std::string_view name, std::uint32_t min, std::uint32_t max) {
    if (!value || (*value >= min && *value <= max)) return;
    report(out_of_range_problem(name, std::to_string(*value), min, max), member(object, name));
  }

  void assembly() {
    const Assembly& a = d_.assembly;
    const std::string p = "/assembly";
    if (text(a.name, p, "name", true)) report(assembly_name_problem(a.name), p + "/name");
    if (text(a.version, p, "version", true)) {
      report(assembly_version_problem(a.version), p + "/version");
    }
    if (!a.public_key_token.empty() && text(a.public_key_token, p, "publicKeyToken")) {
      report(public_key_token_problem(a.public_key_token), p + "/publicKeyToken");
    }
    if (!a.language.empty() && text(a.language, p, "language")) {
      report(language_problem(a.language), p + "/language");
    }
  }

  void server(const Server& s, const std::string& p) {
    if (s.kind == ServerKind::remote) {
      if (!s.path.empty()) {
        error("misplaced-field", "a remote server has no local 'path'", p + "/path",
              "remove it: the class runs on the machine named by its AppID's remoteServerName");
      }
    } else if (s.path.empty()) {
      missing(p, "path");
    } else if (path(s.path, p, "path", true) && s.kind == ServerKind::local) {
      report(local_server_path_problem(s.path, p), p + "/path");
    }
    if (!s.arguments.empty() && path(s.arguments, p, "arguments") && s.kind != ServerKind::local) {
      error("misplaced-field", "'arguments' applies only to local servers", p + "/arguments",
            "remove it: in-process servers are DLLs loaded without a command line");
    }
    if (s.classes.empty()) {
      error("empty-value", "'classes' is empty", p + "/classes",
            "a server registers at least one class");
    }
    for (std::size_t i = 0; i < s.classes.size(); ++i) {
      com_class(s, s.classes[i], indexed(p + "/classes", i));
    }
  }

  // progid and versionIndependentProgid share one case-insensitive namespace. With legacyNames
  // a name that breaks the rules is kept, warned of. `other` is the class's accepted ProgID.
  bool progid(const ComClass& c, const std::string& p, std::string_view name,
              const std::string& value, const std::string* other) {
    if (!text(value, p, name, true)) return false;
    const std::string pointer = member(p, name);
    const ProgIdProblem problem = check_progid(value);
    if (problem.code != nullptr && c.legacy_names && !problem.always) {
      out_.warning(problem.code, problem.message + " (kept: the class has legacyNames)",
                   where(pointer), problem.hint);
    } else if (problem.code != nullptr) {
      error(problem.code, problem.message, pointer, problem.hint);
      return false;
    }
    if (const auto taken = check_protected_identity(IdentityKind::progid, value); taken.code) {
      error(taken.code, taken.message, pointer, taken.hint);
      return false;
    }
    if (other != nullptr && !other->empty() && text::iequals(*other, value)) {
      error("same-progid", "versionIndependentProgid equals progid " + quoted(*other), pointer,
            "the version-independent ProgID drops the version: Vendor.Component");
      return false;
    }
    return unique(progids_, text::fold_case(value), pointer, "duplicate-progid",
                  "ProgID " + quoted(value));
  }

  void guid_list(const std::vector<std::string>& values, const std::string& object,
                 std::string_view name) {
    const std::string base = member(object, name);
    for (std::size_t i = 0; i < values.size(); ++i) (void)guid(values[i], indexed(base, i));
  }

  void com_class(const Server& server, const ComClass& c, const std::string& p) {
    if (const auto clsid = identifier(c.clsid, p, "clsid", clsids_, "duplicate-clsid", "CLSID")) {
      protect(p + "/clsid", IdentityKind::clsid, *clsid);
    }
    if (!c.name.empty()) (void)text(c.name, p, "name");
    std::string accepted_progid;
    if (!c.progid.empty() && progid(c, p, "progid", c.progid, nullptr)) {
      accepted_progid = c.progid;
    }
    if (!c.version_independent_progid.empty()) {
      (void)progid(c, p, "versionIndependentProgid", c.version_independent_progid,
                   &accepted_progid);
    }
    if (c.threading != Threading::none && server.kind == ServerKind::local) {
      error("misplaced-field", "'threading' applies only to in-process servers", p + "/threading",
            "remove it: a local server chooses its apartments when it calls CoInitializeEx");
    }
    const auto appid = optional_guid(c.appid, p, "appid");
    if (appid) refs_.push_back({Reference::To::appid, *appid, p + "/appid"});
    if (c.appid.empty() && server.kind == ServerKind::surrogate) {
      error("missing-appid", "a class of a surrogate server needs an 'appid'", p,
            "add \"appid\" naming an entry of \"appids\"; its DllSurrogate selects the host");
    } else if (c.appid.empty() && server.kind == ServerKind::remote) {
      error("missing-appid", "a class of a remote server needs an 'appid'", p,
            "add \"appid\" naming an entry of \"appids\" that has \"remoteServerName\"");
    } else if (server.kind == ServerKind::remote && appid) {
      remote_refs_.push_back({Reference::To::appid, *appid, p + "/appid"});
    }
    if (const auto typelib = optional_guid(c.typelib, p, "typelib")) {
      refs_.push_back({Reference::To::typelib, *typelib, p + "/typelib"});
    }
    if (!c.version.empty()) (void)text(c.version, p, "version");
    guid_list(c.implemented_categories, p, "implementedCategories");
    guid_list(c.required_categories, p, "requiredCategories");
    if (!c.toolbox_bitmap.empty()) (void)path(c.toolbox_bitmap, p, "toolboxBitmap");
    if (!c.default_icon.empty()) (void)path(c.default_icon, p, "defaultIcon");
    (void)optional_guid(c.treat_as, p, "treatAs");
    (void)optional_guid(c.auto_convert_to, p, "autoConvertTo");
    if (c.license) {
      const std::string l = p + "/license";
      const auto id = guid(c.license->id, l + "/id");
      const bool key = text(c.license->key, l, "key", true);
      if (id && key) unique(licenses_, *id, l + "/id", "duplicate-license", "licence id " + *id);
    }
  }

  void appid(const AppId& a, const std::string& p) {
    const auto id = identifier(a.appid, p, "appid", appids_, "duplicate-appid", "AppID");
    if (id) protect(p + "/appid", IdentityKind::appid, *id);
    if (!a.name.empty()) (void)text(a.name, p, "name");
    if (a.dll_surrogate) (void)path(*a.dll_surrogate, p, "dllSurrogate");
    if (!a.local_service.empty()) (void)text(a.local_service, p, "localService");
    if (!a.service_parameters.empty()) (void)text(a.service_parameters, p, "serviceParameters");
    if (!a.run_as.empty()) (void)text(a.run_as, p, "runAs");
    for (const auto& [name, value] : {std::pair{"accessPermission", &a.access_permission},
                                      std::pair{"launchPermission", &a.launch_permission}}) {
      if (!value->empty() && text(*value, p, name, true)) {
        report(sddl_problem(name, *value), member(p, name));
      }
    }
    range(a.authentication_level, p, "authenticationLevel", 1, 6);
    const bool remote_server_name =
        !a.remote_server_name.empty() && text(a.remote_server_name, p, "remoteServerName");
    range(a.preferred_server_bitness, p, "preferredServerBitness", 1, 3);
    for (std::size_t i = 0; i < a.executables.size(); ++i) {
      const std::string& name = a.executables[i];
      const std::string pointer = indexed(p + "/executables", i);
      if (report(control_character_problem(name), pointer)) continue;
      if (report(executable_name_problem(name), pointer)) continue;
      unique(executables_, text::fold_case(name), pointer, "duplicate-executable",
             "executable " + quoted(name));
    }
    // The first AppID of a GUID is the one a remote class's reference finds.
    if (id) remote_server_names_.try_emplace(*id, remote_server_name);
  }

  void typelib(const TypeLib& t, const std::string& p) {
    const std::string libid_pointer = p + "/libid";
    const auto libid = guid(t.libid, libid_pointer);
    if (libid) {
      protect(libid_pointer, IdentityKind::libid, *libid);
      (void)typelib_ids_.insert(*libid, libid_pointer);
      const std::string version = std::to_string(t.major) + "." + std::to_string(t.minor);
      unique(libids_, *libid + " " + version, libid_pointer, "duplicate-libid",
             "type library " + *libid + " version " + version);
    }
    if (!t.name.empty()) (void)text(t.name, p, "name");
    if (!t.win32.empty()) (void)path(t.win32, p, "win32");
    if (!t.win64.empty()) (void)path(t.win64, p, "win64");
    if (t.win32.empty() && t.win64.empty()) {
      error("missing-field", "a type library needs 'win32' or 'win64' (or both)", p,
            "add \"win64\": \"${installdir}\\\\server.dll\" (the .tlb file or the module "
            "that holds it as a resource)");
    }
    if (!t.helpdir.empty()) (void)path(t.helpdir, p, "helpdir");
  }

  void interface(const Interface& i, const std::string& p) {
    if (const auto iid = identifier(i.iid, p, "iid", iids_, "duplicate-iid", "IID")) {
      protect(p + "/iid", IdentityKind::iid, *iid);
    }
    (void)text(i.name, p, "name", true);
    (void)optional_guid(i.proxy_stub, p, "proxyStub");
    range(i.num_methods, p, "numMethods", 3, 0xFFFFu);
    (void)optional_guid(i.base_interface, p, "baseInterface");
    if (const auto typelib = optional_guid(i.typelib, p, "typelib")) {
      refs_.push_back({Reference::To::typelib, *typelib, p + "/typelib"});
    }
  }

  void category(const Category& c, const std::string& p) {
    (void)identifier(c.catid, p, "catid", catids_, "duplicate-catid", "CATID");
    (void)text(c.description, p, "description", true);
  }

  void check_references() {
    for (const auto& ref : refs_) {
      if (ref.to == Reference::To::appid && !appids_.contains(ref.guid)) {
        error("unknown-appid", "AppID " + ref.guid + " is not described in 'appids'", ref.pointer,
              "add { \"appid\": \"" + ref.guid + "\", … } to \"appids\", or fix the GUID");
      }
      if (ref.to == Reference::To::typelib && !typelib_ids_.contains(ref.guid)) {
        error("unknown-typelib", "type library " + ref.guid + " is not described in 'typelibs'",
              ref.pointer,
              "add { \"libid\": \"" + ref.guid + "\", … } to \"typelibs\", or fix the GUID");
      }
    }
    for (const auto& ref : remote_refs_) {
      const auto it = remote_server_names_.find(ref.guid);
      if (it != remote_server_names_.end() && !it->second) {
        error("missing-remote-server-name",
              "AppID " + ref.guid + " of a remote class has no 'remoteServerName'", ref.pointer,
              "add \"remoteServerName\": \"server.example.com\" to that AppID");
      }
    }
  }

  const Description& d_;
  const ValidateOptions& options_;
  Diagnostics& out_;
  FirstSeen clsids_, progids_, appids_, executables_, libids_, typelib_ids_, iids_, catids_,
      licenses_;
  std::unordered_map<std::string, bool> remote_server_names_;  // AppID -> has one
  std::vector<Reference> refs_;
  std::vector<Reference> remote_refs_;
};

}  // namespace

Diagnostics validate_description(const Description& description, const ValidateOptions& options) {
  Diagnostics diagnostics;
  Validator(description, options, diagnostics).run();
  return diagnostics;
}

}  // namespace comreg
