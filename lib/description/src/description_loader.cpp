// JSON text -> validated Description. The members and spellings it accepts are the format's
// table (comreg/description_members.hpp; docs/description.md, schemas/comreg.schema.json); the
// rules on values are shared with the model validator (description_rules.hpp). Every problem
// is collected, none stops the pass, so one run of `comreg validate` lists them all.
//
// Speed: a 10,000-class description is read in a few milliseconds. The document is flat and
// its strings are views of the text; problems are located by offset and their JSON pointers
// worked out only when reported; identifiers are checked for duplicates in allocation-free
// tables (first_seen.hpp).
#include "comreg/description/description_loader.hpp"

#include "comreg/core/guid.hpp"
#include "comreg/model/description_members.hpp"
#include "comreg/model/progid.hpp"
#include "comreg/model/protected_identities.hpp"
#include "core/ascii.hpp"
#include "description/description_rules.hpp"
#include "description/first_seen.hpp"
#include "description/object_reader.hpp"
#include "description/placeholders.hpp"

namespace comreg {
namespace {

using json::Kind;
using json::View;

// A reference to check once everything is read (references may point forward in the file).
struct Reference {
  enum class To : std::uint8_t { appid, typelib } to;
  IdKey key;
  View value;  // the GUID string that refers
};

std::string indexed(std::string_view base, std::size_t index) {
  std::string out(base);
  out += '/';
  out += std::to_string(index);
  return out;
}

class Loader {
 public:
  Loader(std::string_view text, const json::Document& document, const std::string& file,
         const LoadOptions& options, Diagnostics& diagnostics)
      : document_(document), r_(text, document, file, diagnostics), options_(options) {
    description_.file = file;
    description_.symbolic.assign(options.symbolic.begin(), options.symbolic.end());
  }

  void load(View root) {
    if (!r_.expect_object(root, "a description")) return;
    r_.check_members(root, format::root_members);
    r_.member(root, "$schema", Kind::string, false);
    format_version(root);
    if (const View a = r_.member(root, "assembly", Kind::object, true)) assembly(a);
    reserve_tables(root);
    if (const View s = r_.member(root, "servers", Kind::array, true)) {
      if (s.size() == 0) {
        r_.error("empty-value", "'servers' is empty", s.offset(),
                 "describe at least one server binary and its classes");
      }
      description_.servers.reserve(s.size());
      for (std::uint32_t i = 0; i < s.size(); ++i) server(s.item(i), i);
    }
    each(root, "appids", description_.appids, [this](View v, std::string p) { appid(v, p); });
    each(root, "typelibs", description_.typelibs, [this](View v, std::string p) { typelib(v, p); });
    each(root, "interfaces", description_.interfaces,
         [this](View v, std::string p) { interface(v, p); });
    each(root, "categories", description_.categories,
         [this](View v, std::string p) { category(v, p); });
    check_references();
  }

  Description take() { return std::move(description_); }

 private:
  // Sizes the duplicate tables from the document, so big descriptions never regrow them.
  void reserve_tables(View root) {
    const auto count = [&](std::string_view name) -> std::uint32_t {
      const View list = root.find(name);
      return list && list.kind() == Kind::array ? list.size() : 0;
    };
    std::size_t classes = 0;
    if (const View s = root.find("servers"); s && s.kind() == Kind::array) {
      for (std::uint32_t i = 0; i < s.size(); ++i) {
        const View c = s.item(i).find("classes");
        if (c && c.kind() == Kind::array) classes += c.size();
      }
    }
    clsids_.reserve(classes);
    progids_.reserve(2 * classes);
    appids_.reserve(count("appids"));
    executables_.reserve(count("appids"));
    libids_.reserve(count("typelibs"));
    typelib_ids_.reserve(count("typelibs"));
    iids_.reserve(count("interfaces"));
    catids_.reserve(count("categories"));
  }

  template <typename T, typename F>
  void each(View root, std::string_view name, std::vector<T>& out, F&& f) {
    const View list = r_.member(root, name, Kind::array, false);
    if (!list) return;
    out.reserve(list.size());
    const std::string base = "/" + std::string(name);
    for (std::uint32_t i = 0; i < list.size(); ++i) f(list.item(i), indexed(base, i));
  }

  void format_version(View root) {
    const View v = r_.member(root, "comreg", Kind::number, true);
    if (!v) return;
    if (v.text().find_first_of(".eE") != std::string_view::npos) {
      r_.error("wrong-type", "'comreg' must be an integer, found " + std::string(v.text()),
               v.offset(), "write \"comreg\": 1");
    } else if (v.text() != "1") {
      r_.error("unsupported-version",
               "format version " + std::string(v.text()) + " is not supported", v.offset(),
               "this comreg reads \"comreg\": 1");
    }
  }

  // A path-like string: placeholders resolved, the result checked again (a definition may
  // bring control characters or length with it).
  std::optional<std::string> path(View obj, std::string_view name, bool required) {
    const auto raw = r_.string(obj, name, required);
    if (!raw) return std::nullopt;
    if (raw->find("${") == std::string_view::npos) return std::string(*raw);
    const std::uint32_t offset = obj.find(name).offset();
    std::vector<PlaceholderProblem> problems;
    std::string resolved = resolve_placeholders(*raw, options_.defines, options_.symbolic,
                                                options_.undefined_placeholder, problems);
    for (auto& p : problems) r_.error(p.code, std::move(p.message), offset, std::move(p.hint));
    if (!problems.empty()) return std::nullopt;
    if (!r_.check_text(resolved, offset, "a --define value")) return std::nullopt;
    if (!r_.check_length(resolved, name, offset)) return std::nullopt;
    return resolved;
  }

  // A string member whose value must be one of `spellings` (exact case).
  template <typename E, std::size_t N>
  std::optional<E> choice(View obj, std::string_view name, bool required, const char* code,
                          const char* what, const format::Spelling<E> (&spellings)[N],
                          const char* remark = "") {
    const auto s = r_.string(obj, name, required);
    if (!s) return std::nullopt;
    for (const auto& [text, value] : spellings) {
      if (*s == text) return value;
    }
    std::string_view names[N];
    for (std::size_t i = 0; i < N; ++i) names[i] = spellings[i].text;
    const std::string guess = closest_match(*s, names);
    r_.error(code, std::string("unknown ") + what + " " + quoted(*s), obj.find(name).offset(),
             guess.empty() ? "use " + format::spelling_list(spellings) + remark
                           : "did you mean '" + guess + "'?" + remark);
    return std::nullopt;
  }

  std::optional<Arch> arch(View obj) {
    return choice(obj, "arch", false, "bad-arch", "architecture", format::arch_spellings);
  }

  void assembly(View a) {
    auto& out = description_.assembly;
    out.at = r_.source_ref(a, "/assembly");
    r_.check_members(a, format::assembly_members);
    if (const auto name = r_.string(a, "name", true)) {
      report(assembly_name_problem(*name), a.find("name"));
      out.name = std::string(*name);
    }
    if (const auto v = r_.string(a, "version", true)) {
      report(assembly_version_problem(*v), a.find("version"));
      out.version = std::string(*v);
    }
    if (const auto ar = arch(a)) out.arch = *ar;
    if (const auto t = r_.string(a, "publicKeyToken")) {
      report(public_key_token_problem(*t), a.find("publicKeyToken"));
      out.public_key_token = text::fold_case(*t);
    }
    if (const auto l = r_.string(a, "language")) {
      report(language_problem(*l), a.find("language"));
      out.language = std::string(*l);
    }
  }

  // Reports a broken rule at `where`; true when there was one.
  bool report(std::optional<RuleProblem> problem, View where) {
    if (!problem) return false;
    r_.error(problem->code, std::move(problem->message), where.offset(), std::move(problem->hint));
    return true;
  }

  void server(View s, std::uint32_t index) {
    if (!r_.expect_object(s, "a server")) return;
    r_.check_members(s, format::server_members);
    Server out;
    const std::string p = indexed("/servers", index);
    out.at = r_.source_ref(s, p);
    out.arch = description_.assembly.arch;
    if (auto k =
            choice(s, "kind", true, "bad-kind", "server kind", format::server_kind_spellings)) {
      out.kind = *k;
    }
    if (out.kind == ServerKind::remote) {
      if (const View v = s.find("path")) {
        r_.error("misplaced-field", "a remote server has no local 'path'", v.offset(),
                 "remove it: the class runs on the machine named by its AppID's remoteServerName");
      }
    } else if (auto path_value = path(s, "path", true)) {
      out.path = std::move(*path_value);
      if (out.kind == ServerKind::local) {
        report(local_server_path_problem(out.path, p), s.find("path"));
      }
    }
    if (auto args = path(s, "arguments", false)) {
      if (out.kind != ServerKind::local) {
        r_.error("misplaced-field", "'arguments' applies only to local servers",
                 s.find("arguments").offset(),
                 "remove it: in-process servers are DLLs loaded without a command line");
      }
      out.arguments = std::move(*args);
    }
    if (const auto ar = arch(s)) out.arch = *ar;
    if (const View classes = r_.member(s, "classes", Kind::array, true)) {
      if (classes.size() == 0) {
        r_.error("empty-value", "'classes' is empty", classes.offset(),
                 "a server registers at least one class");
      }
      out.classes.reserve(classes.size());
      const std::string base = p + "/classes";
      for (std::uint32_t i = 0; i < classes.size(); ++i) {
        com_class(classes.item(i), indexed(base, i), out);
      }
    }
    description_.servers.push_back(std::move(out));
  }

  // Reports `code` when `table` already holds `key`, citing the first occurrence's pointer.
  // `what` names the identifier for the message; built only when there is one.
  template <typename Table, typename Key, typename What>
  bool unique(Table& table, const Key& key, const char* code, What&& what, std::uint32_t offset) {
    const auto first = table.insert(key, offset);
    if (!first) return true;
    r_.error(code, what() + " is already used at " + document_.pointer_at(*first), offset,
             "each must be unique within the description");
    return false;
  }

  // A required GUID member that identifies its object: normalized and checked for uniqueness.
  std::optional<std::string> identifier(View obj, std::string_view name, IdTable& seen,
                                        const char* code, const char* label) {
    auto g = r_.guid(obj, name, true);
    if (g)
      unique(
          seen, id_key(*g), code, [&] { return std::string(label) + " " + *g; },
          obj.find(name).offset());
    return g;
  }

  // Windows' own identities are never a description's to register (or to delete).
  void protect(View obj, std::string_view name, IdentityKind kind, std::string_view id) {
    const ProtectedIdentityProblem problem = check_protected_identity(kind, id);
    if (problem.code != nullptr) {
      r_.error(problem.code, problem.message, obj.find(name).offset(), problem.hint);
    }
  }

  // progid and versionIndependentProgid share one case-insensitive namespace.
  // With `legacy` (the class's legacyNames), a name that breaks the rules is kept, warned of.
  void progid(View c, std::string_view name, std::string& out, const std::string* other,
              bool legacy) {
    const auto value = r_.string(c, name, true);
    if (!value) return;
    const std::uint32_t offset = c.find(name).offset();
    const ProgIdProblem problem = check_progid(*value);
    if (problem.code != nullptr && legacy && !problem.always) {
      r_.warning(problem.code, problem.message + " (kept: the class has legacyNames)", offset,
                 problem.hint);
    } else if (problem.code != nullptr) {
      r_.error(problem.code, problem.message, offset, problem.hint);
      return;
    }
    if (const auto taken = check_protected_identity(IdentityKind::progid, *value); taken.code) {
      r_.error(taken.code, taken.message, offset, taken.hint);
      return;
    }
    if (other != nullptr && !other->empty() && text::iequals(*other, *value)) {
      r_.error("same-progid", "versionIndependentProgid equals progid " + quoted(*other), offset,
               "the version-independent ProgID drops the version: Vendor.Component");
      return;
    }
    if (unique(
            progids_, *value, "duplicate-progid", [&] { return "ProgID " + quoted(*value); },
            offset)) {
      out = std::string(*value);
    }
  }

  void guid_list(View c, std::string_view name, std::vector<std::string>& out) {
    const View list = r_.member(c, name, Kind::array, false);
    if (!list) return;
    out.reserve(list.size());
    for (std::uint32_t i = 0; i < list.size(); ++i) {
      if (auto g = r_.guid_value(list.item(i))) out.push_back(std::move(*g));
    }
  }

  void misc_status(View c, ComClass& out) {
    const View v = c.find("miscStatus");
    if (!v) return;
    MiscStatus status;
    if (v.kind() == Kind::number) {
      status.value = r_.uint(c, "miscStatus", 0, 0xFFFFFFFFu);
      if (!status.value) return;
    } else if (v.kind() == Kind::object) {
      r_.check_members(v, format::misc_status_members);
      status.value = r_.uint(v, "default", 0, 0xFFFFFFFFu);
      for (const auto& [aspect, dvaspect] : format::misc_aspect_spellings) {
        if (auto flags = r_.uint(v, aspect, 0, 0xFFFFFFFFu)) {
          status.aspects.emplace_back(dvaspect, *flags);
        }
      }
    } else {
      r_.error("wrong-type",
               std::string("'miscStatus' must be a number or an object, found ") +
                   json::to_string(v.kind()),
               v.offset(), "write OLEMISC flags as a number, or per aspect as an object");
      return;
    }
    out.misc_status = std::move(status);
  }

  void reference(View obj, std::string_view name, Reference::To to, std::string& out) {
    if (auto g = r_.guid(obj, name)) {
      refs_.push_back({to, id_key(*g), obj.find(name)});
      out = std::move(*g);
    }
  }

  void com_class(View c, std::string p, Server& server) {
    if (!r_.expect_object(c, "a class")) return;
    r_.check_members(c, format::class_members);
    ComClass out;
    out.at = r_.source_ref(c, std::move(p));
    if (auto g = identifier(c, "clsid", clsids_, "duplicate-clsid", "CLSID")) {
      protect(c, "clsid", IdentityKind::clsid, *g);
      out.clsid = std::move(*g);
    }
    if (const auto n = r_.string(c, "name")) out.name = std::string(*n);
    out.legacy_names = r_.boolean(c, "legacyNames").value_or(false);
    if (c.find("progid")) progid(c, "progid", out.progid, nullptr, out.legacy_names);
    if (c.find("versionIndependentProgid")) {
      progid(c, "versionIndependentProgid", out.version_independent_progid, &out.progid,
             out.legacy_names);
    }
    out.exclusive_version_independent_progid =
        r_.boolean(c, "exclusiveVersionIndependentProgid").value_or(false);
    if (auto t = choice(c, "threading", false, "bad-threading", "threading model",
                        format::threading_spellings, " (COM compares the exact case)")) {
      if (server.kind == ServerKind::local) {
        r_.error("misplaced-field", "'threading' applies only to in-process servers",
                 c.find("threading").offset(),
                 "remove it: a local server chooses its apartments when it calls CoInitializeEx");
      } else {
        out.threading = *t;
      }
    }
    const View appid_value = c.find("appid");
    reference(c, "appid", Reference::To::appid, out.appid);
    if (!appid_value && server.kind == ServerKind::surrogate) {
      r_.error("missing-appid", "a class of a surrogate server needs an 'appid'", c.offset(),
               "add \"appid\" naming an entry of \"appids\"; its DllSurrogate selects the host");
    } else if (!appid_value && server.kind == ServerKind::remote) {
      r_.error("missing-appid", "a class of a remote server needs an 'appid'", c.offset(),
               "add \"appid\" naming an entry of \"appids\" that has \"remoteServerName\"");
    } else if (server.kind == ServerKind::remote && !out.appid.empty()) {
      remote_refs_.push_back({Reference::To::appid, id_key(out.appid), appid_value});
    }
    reference(c, "typelib", Reference::To::typelib, out.typelib);
    if (const auto v = r_.string(c, "version")) out.version = std::string(*v);
    guid_list(c, "implementedCategories", out.implemented_categories);
    guid_list(c, "requiredCategories", out.required_categories);
    out.programmable = r_.boolean(c, "programmable").value_or(false);
    out.control = r_.boolean(c, "control").value_or(false);
    out.insertable = r_.boolean(c, "insertable").value_or(false);
    misc_status(c, out);
    if (auto v = path(c, "toolboxBitmap", false)) out.toolbox_bitmap = std::move(*v);
    if (auto v = path(c, "defaultIcon", false)) out.default_icon = std::move(*v);
    if (auto g = r_.guid(c, "treatAs")) out.treat_as = std::move(*g);
    if (auto g = r_.guid(c, "autoConvertTo")) out.auto_convert_to = std::move(*g);
    if (const View l = r_.member(c, "license", Kind::object, false)) {
      r_.check_members(l, format::license_members);
      auto id = r_.guid(l, "id", true);
      const auto key = r_.string(l, "key", true);
      if (id && key) {
        unique(
            licenses_, id_key(*id), "duplicate-license", [&] { return "licence id " + *id; },
            l.find("id").offset());
        out.license = License{std::move(*id), std::string(*key)};
      }
    }
    server.classes.push_back(std::move(out));
  }

  void appid(View a, std::string p) {
    if (!r_.expect_object(a, "an AppID")) return;
    r_.check_members(a, format::appid_members);
    AppId out;
    out.at = r_.source_ref(a, std::move(p));
    if (auto g = identifier(a, "appid", appids_, "duplicate-appid", "AppID")) {
      protect(a, "appid", IdentityKind::appid, *g);
      out.appid = std::move(*g);
    }
    if (const auto v = r_.string(a, "name")) out.name = std::string(*v);
    if (a.find("dllSurrogate")) {
      if (auto v = path(a, "dllSurrogate", false)) out.dll_surrogate = std::move(*v);
    }
    if (const auto v = r_.string(a, "localService")) out.local_service = std::string(*v);
    if (const auto v = r_.string(a, "serviceParameters")) out.service_parameters = std::string(*v);
    if (const auto v = r_.string(a, "runAs")) out.run_as = std::string(*v);
    if (const auto v = sddl(a, "accessPermission")) out.access_permission = std::string(*v);
    if (const auto v = sddl(a, "launchPermission")) out.launch_permission = std::string(*v);
    out.authentication_level = r_.uint(a, "authenticationLevel", 1, 6);
    if (const auto v = r_.string(a, "remoteServerName")) out.remote_server_name = std::string(*v);
    out.appid_flags = r_.uint(a, "appIdFlags", 0, 0xFFFFFFFFu);
    out.preferred_server_bitness = r_.uint(a, "preferredServerBitness", 1, 3);
    if (const View list = r_.member(a, "executables", Kind::array, false)) {
      for (std::uint32_t i = 0; i < list.size(); ++i) executable(list.item(i), out);
    }
    out.exclusive = r_.boolean(a, "exclusive").value_or(false);
    description_.appids.push_back(std::move(out));
  }

  void executable(View e, AppId& out) {
    if (e.kind() != Kind::string) {
      r_.error("wrong-type",
               std::string("expected a file name, found ") + json::to_string(e.kind()), e.offset(),
               "write the executable's file name in double quotes");
      return;
    }
    const std::string_view name = e.text();
    if (!r_.check_text(name, e.offset())) return;
    if (report(executable_name_problem(name), e)) return;
    if (unique(
            executables_, name, "duplicate-executable",
            [&] { return "executable " + quoted(name); }, e.offset())) {
      out.executables.emplace_back(name);
    }
  }

  std::optional<std::string_view> sddl(View a, std::string_view name) {
    if (!a.find(name)) return std::nullopt;
    const auto text = r_.string(a, name, /*required=*/true);  // present: must not be empty
    if (!text) return std::nullopt;
    if (report(sddl_problem(name, *text), a.find(name))) return std::nullopt;
    return text;
  }

  void typelib(View t, std::string p) {
    if (!r_.expect_object(t, "a type library")) return;
    r_.check_members(t, format::typelib_members);
    TypeLib out;
    out.at = r_.source_ref(t, std::move(p));
    const auto libid = r_.guid(t, "libid", true);
    if (libid) {
      protect(t, "libid", IdentityKind::libid, *libid);
      out.libid = *libid;
      typelib_ids_.insert(id_key(*libid), t.find("libid").offset());
    }
    if (const auto v = r_.string(t, "version", true)) {
      std::uint16_t parts[2] = {0, 0};
      if (!version_parts(*v, 2, parts)) {
        r_.error("bad-version", "type library version " + quoted(*v) + " is not major.minor",
                 t.find("version").offset(),
                 "write it like \"1.0\" (decimal, each part 0 to 65535)");
      } else {
        out.major = parts[0], out.minor = parts[1];
        if (libid) {
          const std::uint32_t version = static_cast<std::uint32_t>(parts[0]) << 16 | parts[1];
          unique(
              libids_, id_key(*libid, version), "duplicate-libid",
              [&] { return "type library " + *libid + " version " + std::string(*v); },
              t.find("libid").offset());
        }
      }
    }
    out.lcid = r_.uint(t, "lcid", 0, 0xFFFFFFFFu).value_or(0);
    if (const auto v = r_.string(t, "name")) out.name = std::string(*v);
    if (auto v = path(t, "win32", false)) out.win32 = std::move(*v);
    if (auto v = path(t, "win64", false)) out.win64 = std::move(*v);
    if (!t.find("win32") && !t.find("win64")) {
      r_.error("missing-field", "a type library needs 'win32' or 'win64' (or both)", t.offset(),
               "add \"win64\": \"${installdir}\\\\server.dll\" (the .tlb file or the module "
               "that holds it as a resource)");
    }
    if (auto v = path(t, "helpdir", false)) out.helpdir = std::move(*v);
    if (const View flags = r_.member(t, "flags", Kind::array, false)) {
      for (std::uint32_t i = 0; i < flags.size(); ++i) out.flags |= typelib_flag(flags.item(i));
    }
    out.exclusive = r_.boolean(t, "exclusive").value_or(false);
    description_.typelibs.push_back(std::move(out));
  }

  std::uint32_t typelib_flag(View f) {
    if (f.kind() == Kind::string) {
      if (!r_.check_text(f.text(), f.offset())) return 0;
      for (const auto& [name, bit] : format::typelib_flag_spellings) {
        if (f.text() == name) return bit;
      }
    }
    r_.error("bad-flag",
             "unknown type library flag " +
                 (f.kind() == Kind::string ? quoted(f.text()) : json::to_string(f.kind())),
             f.offset(), "use " + format::spelling_list(format::typelib_flag_spellings));
    return 0;
  }

  void interface(View i, std::string p) {
    if (!r_.expect_object(i, "an interface")) return;
    r_.check_members(i, format::interface_members);
    Interface out;
    out.at = r_.source_ref(i, std::move(p));
    if (auto g = identifier(i, "iid", iids_, "duplicate-iid", "IID")) {
      protect(i, "iid", IdentityKind::iid, *g);
      out.iid = std::move(*g);
    }
    if (const auto v = r_.string(i, "name", true)) out.name = std::string(*v);
    if (auto g = r_.guid(i, "proxyStub")) out.proxy_stub = std::move(*g);
    out.num_methods = r_.uint(i, "numMethods", 3, 0xFFFFu);  // as the schema: vtables are smaller
    if (auto g = r_.guid(i, "baseInterface")) out.base_interface = std::move(*g);
    reference(i, "typelib", Reference::To::typelib, out.typelib);
    out.exclusive = r_.boolean(i, "exclusive").value_or(false);
    description_.interfaces.push_back(std::move(out));
  }

  void category(View c, std::string p) {
    if (!r_.expect_object(c, "a component category")) return;
    r_.check_members(c, format::category_members);
    Category out;
    out.at = r_.source_ref(c, std::move(p));
    if (auto g = identifier(c, "catid", catids_, "duplicate-catid", "CATID")) {
      out.catid = std::move(*g);
    }
    if (const auto v = r_.string(c, "description", true)) out.description = std::string(*v);
    out.lcid = r_.uint(c, "lcid", 0, 0xFFFFFFFFu).value_or(0x409);
    out.exclusive = r_.boolean(c, "exclusive").value_or(false);
    description_.categories.push_back(std::move(out));
  }

  void check_references() {
    for (const auto& ref : refs_) {
      const auto guid = [&] { return normalize_guid(ref.value.text()).value_or(""); };
      if (ref.to == Reference::To::appid && !appids_.contains(ref.key)) {
        r_.error("unknown-appid", "AppID " + guid() + " is not described in 'appids'",
                 ref.value.offset(),
                 "add { \"appid\": \"" + guid() + "\", … } to \"appids\", or fix the GUID");
      }
      if (ref.to == Reference::To::typelib && !typelib_ids_.contains(ref.key)) {
        r_.error("unknown-typelib", "type library " + guid() + " is not described in 'typelibs'",
                 ref.value.offset(),
                 "add { \"libid\": \"" + guid() + "\", … } to \"typelibs\", or fix the GUID");
      }
    }
    for (const auto& ref : remote_refs_) {
      const std::string guid = normalize_guid(ref.value.text()).value_or("");
      const AppId* a = description_.find_appid(guid);
      if (a != nullptr && a->remote_server_name.empty()) {
        r_.error("missing-remote-server-name",
                 "AppID " + guid + " of a remote class has no 'remoteServerName'",
                 ref.value.offset(),
                 "add \"remoteServerName\": \"server.example.com\" to that AppID");
      }
    }
  }

  const json::Document& document_;
  ObjectReader r_;
  const LoadOptions& options_;
  Description description_;
  std::vector<Reference> refs_;
  std::vector<Reference> remote_refs_;
  IdTable clsids_, iids_, appids_, libids_, typelib_ids_, catids_, licenses_;
  NameTable progids_, executables_;
};

}  // namespace

LoadResult load_description(std::string_view text, const std::string& file,
                            const LoadOptions& options) {
  LoadResult result;
  json::Document document;
  std::vector<json::ParseError> errors;
  json::ParseOptions parse_options;
  parse_options.max_depth = options.max_depth;
  const bool complete = json::parse(text, document, errors, parse_options);
  if (!errors.empty()) {
    ObjectReader reader(text, document, file, result.diagnostics);
    for (auto& e : errors) {
      reader.error(e.code, std::move(e.message), e.offset, std::move(e.pointer), std::move(e.hint));
    }
  }
  if (!complete) return result;
  for (const auto& name : options.symbolic) {
    if (options.defines.count(name) != 0) {
      result.diagnostics.error("placeholder-conflict",
                               "placeholder '${" + name + "}' is both defined and kept symbolic",
                               {file, 0, 0, {}}, "define it or keep it symbolic, not both");
    }
  }
  Loader loader(text, document, file, options, result.diagnostics);
  loader.load(document.root());
  if (!result.diagnostics.has_errors()) result.description = loader.take();
  return result;
}

}  // namespace comreg
