// JSON text -> validated Description. The member tables below are the format's specification
// (docs/description.md, schemas/comreg.schema.json); every problem is collected, none stops
// the pass, so one run of `comreg validate` lists them all.
#include "comreg/description_loader.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "comreg/sddl.hpp"
#include "description/object_reader.hpp"
#include "description/placeholders.hpp"
#include "description/progid_rules.hpp"
#include "text/ascii.hpp"

namespace comreg {
namespace {

using json::Kind;
using json::Value;

// A reference to check once everything is read (references may point forward in the file).
struct Reference {
  enum class To { appid, typelib } to;
  std::string guid;
  std::uint32_t offset;
  std::string pointer;
};

class Loader {
 public:
  Loader(std::string_view text, const std::string& file, const LoadOptions& options,
         Diagnostics& diagnostics)
      : r_(text, file, diagnostics), options_(options) {
    description_.file = file;
  }

  void load(const Value& root) {
    if (!r_.expect_object(root, "", "a description")) return;
    r_.check_members(root, "",
                     {"$schema", "comreg", "assembly", "servers", "appids", "typelibs",
                      "interfaces", "categories"});
    format_version(root);
    if (const Value* a = r_.member(root, "", "assembly", Kind::object, true)) assembly(*a);
    if (const Value* s = r_.member(root, "", "servers", Kind::array, true)) {
      if (s->items.empty()) {
        r_.error("empty-value", "'servers' is empty", s->offset, "/servers",
                 "describe at least one server binary and its classes");
      }
      description_.servers.reserve(s->items.size());
      for (std::size_t i = 0; i < s->items.size(); ++i)
        server(s->items[i], pointer_append("/servers", i));
    }
    each(root, "appids", [this](const Value& v, const std::string& p) { appid(v, p); });
    each(root, "typelibs", [this](const Value& v, const std::string& p) { typelib(v, p); });
    each(root, "interfaces", [this](const Value& v, const std::string& p) { interface(v, p); });
    each(root, "categories", [this](const Value& v, const std::string& p) { category(v, p); });
    check_references();
  }

  Description take() { return std::move(description_); }

 private:
  template <typename F>
  void each(const Value& root, std::string_view name, F&& f) {
    const Value* list = r_.member(root, "", name, Kind::array, false);
    if (list == nullptr) return;
    const std::string base = pointer_append("", name);
    for (std::size_t i = 0; i < list->items.size(); ++i) f(list->items[i], pointer_append(base, i));
  }

  void format_version(const Value& root) {
    const Value* v = r_.member(root, "", "comreg", Kind::number, true);
    if (v == nullptr) return;
    if (v->text != "1") {
      r_.error("unsupported-version", "format version " + v->text + " is not supported", v->offset,
               "/comreg", "this comreg reads \"comreg\": 1");
    }
  }

  // A path-like string: placeholders resolved, the result checked again.
  std::optional<std::string> path(const Value& obj, const std::string& p, std::string_view name,
                                  bool required) {
    auto raw = r_.string(obj, p, name, required);
    if (!raw) return std::nullopt;
    const Value* v = obj.find(name);
    const std::string mp = pointer_append(p, name);
    std::vector<PlaceholderProblem> problems;
    std::string resolved =
        resolve_placeholders(*raw, options_.defines, options_.undefined_placeholder, problems);
    for (auto& pr : problems) r_.error(pr.code.c_str(), pr.message, v->offset, mp, pr.hint);
    if (!problems.empty()) return std::nullopt;
    if (resolved != *raw) {
      Value check;
      check.text = resolved;
      check.offset = v->offset;
      if (!r_.check_text(check, mp)) return std::nullopt;
      if (resolved.size() > 16383) {
        r_.error("value-too-long",
                 "'" + std::string(name) +
                     "' is longer than 16383 bytes once "
                     "placeholders are filled in",
                 v->offset, mp);
        return std::nullopt;
      }
    }
    return resolved;
  }

  std::optional<Arch> arch(const Value& obj, const std::string& p) {
    auto s = r_.string(obj, p, "arch");
    if (!s) return std::nullopt;
    if (*s == "x86") return Arch::x86;
    if (*s == "amd64") return Arch::amd64;
    if (*s == "arm64") return Arch::arm64;
    const std::string guess = closest_match(*s, {"x86", "amd64", "arm64"});
    r_.error("bad-arch", "unknown architecture '" + *s + "'", obj.find("arch")->offset,
             pointer_append(p, "arch"),
             guess.empty() ? "use x86, amd64 or arm64" : "did you mean '" + guess + "'?");
    return std::nullopt;
  }

  void assembly(const Value& a) {
    const std::string p = "/assembly";
    if (!r_.expect_object(a, p, "the assembly identity")) return;
    r_.check_members(a, p, {"name", "version", "arch", "publicKeyToken", "language"});
    auto& out = description_.assembly;
    out.at = r_.source_ref(a, p);
    if (auto name = r_.string(a, p, "name", true)) {
      const bool bad = std::any_of(name->begin(), name->end(), [](char c) {
        return std::string_view(" \t\\/:*?\"<>|").find(c) != std::string_view::npos;
      });
      if (bad || name->size() > 255) {
        r_.error("bad-assembly-name", "assembly name '" + *name + "' is not a valid file name",
                 a.find("name")->offset, p + "/name",
                 "use letters, digits, '.', '-' and '_' (the manifest file is <name>.manifest)");
      }
      out.name = std::move(*name);
    }
    if (auto v = r_.string(a, p, "version", true)) {
      if (!four_part_version(*v)) {
        r_.error("bad-version", "assembly version '" + *v + "' is not four numbers a.b.c.d",
                 a.find("version")->offset, p + "/version",
                 "write it like \"1.2.0.0\" (each part 0 to 65535)");
      }
      out.version = std::move(*v);
    }
    if (auto ar = arch(a, p)) out.arch = *ar;
    if (auto t = r_.string(a, p, "publicKeyToken")) {
      const bool hex16 = t->size() == 16 && std::all_of(t->begin(), t->end(), [](char c) {
                           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
                         });
      if (!hex16) {
        r_.error("bad-public-key-token", "publicKeyToken '" + *t + "' is not 16 hex digits",
                 a.find("publicKeyToken")->offset, p + "/publicKeyToken");
      }
      out.public_key_token = text::fold_case(*t);
    }
    if (auto l = r_.string(a, p, "language")) out.language = std::move(*l);
  }

  static bool version_parts(std::string_view v, std::size_t count, std::uint16_t* parts) {
    std::size_t n = 0;
    std::size_t pos = 0;
    while (n < count) {
      const std::size_t dot = v.find('.', pos);
      const std::string_view part =
          v.substr(pos, dot == std::string_view::npos ? v.npos : dot - pos);
      if (part.empty() || part.size() > 5 ||
          !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
      }
      const unsigned long value = std::stoul(std::string(part));
      if (value > 65535) return false;
      if (parts != nullptr) parts[n] = static_cast<std::uint16_t>(value);
      ++n;
      if (dot == std::string_view::npos) break;
      pos = dot + 1;
    }
    return n == count && v.find('.', pos) == std::string_view::npos &&
           std::count(v.begin(), v.end(), '.') == static_cast<long>(count - 1);
  }

  static bool four_part_version(std::string_view v) { return version_parts(v, 4, nullptr); }

  void server(const Value& s, const std::string& p) {
    if (!r_.expect_object(s, p, "a server")) return;
    r_.check_members(s, p, {"kind", "path", "arguments", "arch", "classes"});
    Server out;
    out.at = r_.source_ref(s, p);
    out.arch = description_.assembly.arch;
    if (auto kind = r_.string(s, p, "kind", true)) {
      if (*kind == "inproc") {
        out.kind = ServerKind::inproc;
      } else if (*kind == "local") {
        out.kind = ServerKind::local;
      } else if (*kind == "surrogate") {
        out.kind = ServerKind::surrogate;
      } else if (*kind == "handler") {
        out.kind = ServerKind::handler;
      } else if (*kind == "remote") {
        out.kind = ServerKind::remote;
      } else {
        const std::string guess =
            closest_match(*kind, {"inproc", "local", "surrogate", "handler", "remote"});
        r_.error("bad-kind", "unknown server kind '" + *kind + "'", s.find("kind")->offset,
                 p + "/kind",
                 guess.empty() ? "use inproc, local, surrogate, handler or remote"
                               : "did you mean '" + guess + "'?");
      }
    }
    if (out.kind == ServerKind::remote) {
      if (const Value* v = s.find("path")) {
        r_.error("misplaced-field", "a remote server has no local 'path'", v->offset, p + "/path",
                 "remove it: the class runs on the machine named by its AppID's remoteServerName");
      }
    } else if (auto path_value = path(s, p, "path", true)) {
      out.path = std::move(*path_value);
    }
    if (auto args = path(s, p, "arguments", false)) {
      if (out.kind != ServerKind::local) {
        r_.error("misplaced-field", "'arguments' applies only to local servers",
                 s.find("arguments")->offset, p + "/arguments",
                 "remove it: in-process servers are DLLs loaded without a command line");
      }
      out.arguments = std::move(*args);
    }
    if (auto ar = arch(s, p)) out.arch = *ar;
    if (const Value* classes = r_.member(s, p, "classes", Kind::array, true)) {
      if (classes->items.empty()) {
        r_.error("empty-value", "'classes' is empty", classes->offset, p + "/classes",
                 "a server registers at least one class");
      }
      out.classes.reserve(classes->items.size());
      for (std::size_t i = 0; i < classes->items.size(); ++i) {
        com_class(classes->items[i], pointer_append(p + "/classes", i), out);
      }
    }
    description_.servers.push_back(std::move(out));
  }

  // One namespace per kind of identifier; the first occurrence wins and is cited.
  void unique(std::unordered_map<std::string, std::string>& seen, const std::string& key,
              const char* code, const std::string& what, std::uint32_t offset,
              const std::string& pointer) {
    const auto [it, inserted] = seen.emplace(key, pointer);
    if (!inserted) {
      r_.error(code, what + " is already used at " + it->second, offset, pointer,
               "each must be unique within the description");
    }
  }

  // A required GUID member that identifies its object: normalized and checked for uniqueness.
  std::optional<std::string> identifier(const Value& obj, const std::string& p,
                                        std::string_view name,
                                        std::unordered_map<std::string, std::string>& seen,
                                        const char* code, const char* label) {
    auto g = r_.guid(obj, p, name, true);
    if (g) {
      unique(seen, *g, code, std::string(label) + " " + *g, obj.find(name)->offset,
             pointer_append(p, name));
    }
    return g;
  }

  void progid(const Value& c, const std::string& p, std::string_view name, std::string& out) {
    auto value = r_.string(c, p, name, true);
    if (!value) return;
    const Value* v = c.find(name);
    const std::string mp = pointer_append(p, name);
    const ProgIdProblem problem = check_progid(*value);
    if (problem.code != nullptr) {
      r_.error(problem.code, problem.message, v->offset, mp, problem.hint);
      return;
    }
    unique(progids_, text::fold_case(*value), "duplicate-progid", "ProgID '" + *value + "'",
           v->offset, mp);
    out = std::move(*value);
  }

  void categories(const Value& c, const std::string& p, std::string_view name,
                  std::vector<std::string>& out) {
    const Value* list = r_.member(c, p, name, Kind::array, false);
    if (list == nullptr) return;
    const std::string base = pointer_append(p, name);
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      if (auto g = r_.guid_value(list->items[i], pointer_append(base, i))) out.push_back(*g);
    }
  }

  void misc_status(const Value& c, const std::string& p, ComClass& out) {
    const Value* v = c.find("miscStatus");
    if (v == nullptr) return;
    const std::string mp = p + "/miscStatus";
    MiscStatus status;
    if (v->kind == Kind::number) {
      status.value = r_.uint(c, p, "miscStatus", 0, 0xFFFFFFFFu);
      if (!status.value) return;
    } else if (v->kind == Kind::object) {
      r_.check_members(*v, mp, {"default", "content", "thumbnail", "icon", "docprint"});
      status.value = r_.uint(*v, mp, "default", 0, 0xFFFFFFFFu);
      static constexpr std::pair<const char*, std::uint32_t> aspects[] = {
          {"content", 1}, {"thumbnail", 2}, {"icon", 4}, {"docprint", 8}};
      for (const auto& [aspect, dvaspect] : aspects) {
        if (auto flags = r_.uint(*v, mp, aspect, 0, 0xFFFFFFFFu)) {
          status.aspects.emplace_back(dvaspect, *flags);
        }
      }
    } else {
      r_.error("wrong-type",
               std::string("'miscStatus' must be a number or an object, found ") +
                   json::to_string(v->kind),
               v->offset, mp, "write OLEMISC flags as a number, or per aspect as an object");
      return;
    }
    out.misc_status = std::move(status);
  }

  void com_class(const Value& c, const std::string& p, Server& server) {
    if (!r_.expect_object(c, p, "a class")) return;
    r_.check_members(c, p,
                     {"clsid", "name", "progid", "versionIndependentProgid", "threading", "appid",
                      "typelib", "version", "implementedCategories", "requiredCategories",
                      "programmable", "control", "insertable", "miscStatus", "toolboxBitmap",
                      "defaultIcon", "treatAs", "autoConvertTo", "license"});
    ComClass out;
    out.at = r_.source_ref(c, p);
    if (auto g = identifier(c, p, "clsid", clsids_, "duplicate-clsid", "CLSID")) {
      out.clsid = std::move(*g);
    }
    if (auto n = r_.string(c, p, "name")) out.name = std::move(*n);
    if (c.find("progid")) progid(c, p, "progid", out.progid);
    if (c.find("versionIndependentProgid")) {
      progid(c, p, "versionIndependentProgid", out.version_independent_progid);
      if (!out.progid.empty() &&
          text::fold_case(out.progid) == text::fold_case(out.version_independent_progid)) {
        r_.error("same-progid", "versionIndependentProgid equals progid '" + out.progid + "'",
                 c.find("versionIndependentProgid")->offset, p + "/versionIndependentProgid",
                 "the version-independent ProgID drops the version: Vendor.Component");
      }
    }
    if (auto t = r_.string(c, p, "threading")) {
      static constexpr std::pair<const char*, Threading> models[] = {
          {"Apartment", Threading::apartment},
          {"Free", Threading::free},
          {"Both", Threading::both},
          {"Neutral", Threading::neutral}};
      bool found = false;
      for (const auto& [name, model] : models) {
        if (*t == name) out.threading = model, found = true;
      }
      const Value* v = c.find("threading");
      if (!found) {
        const std::string guess = closest_match(*t, {"Apartment", "Free", "Both", "Neutral"});
        r_.error("bad-threading", "unknown threading model '" + *t + "'", v->offset,
                 p + "/threading",
                 guess.empty() ? "use Apartment, Free, Both or Neutral (exact case), or omit it"
                               : "did you mean '" + guess + "'? (COM compares the exact case)");
      } else if (server.kind == ServerKind::local) {
        r_.error("misplaced-field", "'threading' applies only to in-process servers", v->offset,
                 p + "/threading",
                 "remove it: a local server chooses its apartments when it calls CoInitializeEx");
      }
    }
    if (auto g = r_.guid(c, p, "appid")) {
      refs_.push_back({Reference::To::appid, *g, c.find("appid")->offset, p + "/appid"});
      out.appid = std::move(*g);
    } else if (server.kind == ServerKind::surrogate && c.find("appid") == nullptr) {
      r_.error("missing-appid", "a class of a surrogate server needs an 'appid'", c.offset, p,
               "add \"appid\" naming an entry of \"appids\"; its DllSurrogate selects the host");
    } else if (server.kind == ServerKind::remote && c.find("appid") == nullptr) {
      r_.error("missing-appid", "a class of a remote server needs an 'appid'", c.offset, p,
               "add \"appid\" naming an entry of \"appids\" that has \"remoteServerName\"");
    }
    if (server.kind == ServerKind::remote && c.find("appid") != nullptr) {
      remote_appids_.push_back({Reference::To::appid, out.appid.empty() ? std::string() : out.appid,
                                c.find("appid")->offset, p + "/appid"});
    }
    if (auto g = r_.guid(c, p, "typelib")) {
      refs_.push_back({Reference::To::typelib, *g, c.find("typelib")->offset, p + "/typelib"});
      out.typelib = std::move(*g);
    }
    if (auto v = r_.string(c, p, "version")) out.version = std::move(*v);
    categories(c, p, "implementedCategories", out.implemented_categories);
    categories(c, p, "requiredCategories", out.required_categories);
    out.programmable = r_.boolean(c, p, "programmable").value_or(false);
    out.control = r_.boolean(c, p, "control").value_or(false);
    out.insertable = r_.boolean(c, p, "insertable").value_or(false);
    misc_status(c, p, out);
    if (auto v = path(c, p, "toolboxBitmap", false)) out.toolbox_bitmap = std::move(*v);
    if (auto v = path(c, p, "defaultIcon", false)) out.default_icon = std::move(*v);
    if (auto g = r_.guid(c, p, "treatAs")) out.treat_as = std::move(*g);
    if (auto g = r_.guid(c, p, "autoConvertTo")) out.auto_convert_to = std::move(*g);
    if (const Value* l = r_.member(c, p, "license", Kind::object, false)) {
      const std::string lp = p + "/license";
      r_.check_members(*l, lp, {"id", "key"});
      auto id = r_.guid(*l, lp, "id", true);
      auto key = r_.string(*l, lp, "key", true);
      if (id && key) {
        unique(licenses_, *id, "duplicate-license", "licence id " + *id, l->find("id")->offset,
               lp + "/id");
        out.license = License{std::move(*id), std::move(*key)};
      }
    }
    server.classes.push_back(std::move(out));
  }

  void appid(const Value& a, const std::string& p) {
    if (!r_.expect_object(a, p, "an AppID")) return;
    r_.check_members(a, p,
                     {"appid", "name", "dllSurrogate", "localService", "serviceParameters", "runAs",
                      "accessPermission", "launchPermission", "authenticationLevel",
                      "remoteServerName", "appIdFlags", "preferredServerBitness", "executables"});
    AppId out;
    out.at = r_.source_ref(a, p);
    if (auto g = identifier(a, p, "appid", appids_, "duplicate-appid", "AppID")) {
      out.appid = std::move(*g);
    }
    if (auto v = r_.string(a, p, "name")) out.name = std::move(*v);
    if (a.find("dllSurrogate") != nullptr) {
      if (auto v = path(a, p, "dllSurrogate", false)) out.dll_surrogate = std::move(*v);
    }
    if (auto v = r_.string(a, p, "localService")) out.local_service = std::move(*v);
    if (auto v = r_.string(a, p, "serviceParameters")) out.service_parameters = std::move(*v);
    if (auto v = r_.string(a, p, "runAs")) out.run_as = std::move(*v);
    if (auto v = sddl(a, p, "accessPermission")) out.access_permission = std::move(*v);
    if (auto v = sddl(a, p, "launchPermission")) out.launch_permission = std::move(*v);
    out.authentication_level = r_.uint(a, p, "authenticationLevel", 1, 6);
    if (auto v = r_.string(a, p, "remoteServerName")) out.remote_server_name = std::move(*v);
    out.appid_flags = r_.uint(a, p, "appIdFlags", 0, 0xFFFFFFFFu);
    out.preferred_server_bitness = r_.uint(a, p, "preferredServerBitness", 1, 3);
    if (const Value* list = r_.member(a, p, "executables", Kind::array, false)) {
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const Value& e = list->items[i];
        const std::string ep = pointer_append(p + "/executables", i);
        if (e.kind != Kind::string) {
          r_.error("wrong-type",
                   std::string("expected a file name, found ") + json::to_string(e.kind), e.offset,
                   ep);
          continue;
        }
        if (!r_.check_text(e, ep)) continue;
        if (e.text.empty() || e.text.find_first_of("\\/") != std::string::npos) {
          r_.error("bad-executable-name", "'" + e.text + "' is not a bare file name", e.offset, ep,
                   "write only the file name, e.g. \"widgetsvc.exe\": the key AppID\\<name> "
                   "maps an executable's name to its AppID");
          continue;
        }
        if (e.text.size() > 255) {
          r_.error("key-too-long",
                   "executable name is " + std::to_string(e.text.size()) +
                       " characters long; registry key names are limited to 255",
                   e.offset, ep,
                   "use the executable's real file name; Windows file names fit in 255");
          continue;
        }
        unique(executables_, text::fold_case(e.text), "duplicate-executable",
               "executable '" + e.text + "'", e.offset, ep);
        out.executables.push_back(e.text);
      }
    }
    description_.appids.push_back(std::move(out));
  }

  std::optional<std::string> sddl(const Value& a, const std::string& p, std::string_view name) {
    if (a.find(name) == nullptr) return std::nullopt;
    auto text = r_.string(a, p, name, /*required=*/true);  // present: must not be empty
    if (!text) return std::nullopt;
    const SddlResult result = sddl_to_security_descriptor(*text);
    if (!result.ok()) {
      r_.error("bad-sddl",
               "invalid SDDL in '" + std::string(name) + "' at character " +
                   std::to_string(result.error_offset + 1) + ": " + result.error,
               a.find(name)->offset, pointer_append(p, name),
               "write a security descriptor like \"O:BAG:BAD:(A;;CCDCLC;;;SY)(A;;CCDCLC;;;BA)\"");
      return std::nullopt;
    }
    return text;
  }

  void typelib(const Value& t, const std::string& p) {
    if (!r_.expect_object(t, p, "a type library")) return;
    r_.check_members(t, p,
                     {"libid", "version", "lcid", "name", "win32", "win64", "flags", "helpdir"});
    TypeLib out;
    out.at = r_.source_ref(t, p);
    auto libid = r_.guid(t, p, "libid", true);
    if (libid) {
      out.libid = *libid;
      typelib_ids_.insert(*libid);
    }
    if (auto v = r_.string(t, p, "version", true)) {
      std::uint16_t parts[2] = {0, 0};
      if (!version_parts(*v, 2, parts)) {
        r_.error("bad-version", "type library version '" + *v + "' is not major.minor",
                 t.find("version")->offset, p + "/version",
                 "write it like \"1.0\" (decimal, each part 0 to 65535)");
      } else {
        out.major = parts[0], out.minor = parts[1];
        if (libid) {
          unique(libids_, *libid + " " + *v, "duplicate-libid",
                 "type library " + *libid + " version " + *v, t.find("libid")->offset,
                 p + "/libid");
        }
      }
    }
    out.lcid = r_.uint(t, p, "lcid", 0, 0xFFFFFFFFu).value_or(0);
    if (auto v = r_.string(t, p, "name")) out.name = std::move(*v);
    if (auto v = path(t, p, "win32", false)) out.win32 = std::move(*v);
    if (auto v = path(t, p, "win64", false)) out.win64 = std::move(*v);
    if (t.find("win32") == nullptr && t.find("win64") == nullptr) {
      r_.error("missing-field", "a type library needs 'win32' or 'win64' (or both)", t.offset, p,
               "add \"win64\": \"${installdir}\\\\server.dll\" (the .tlb file or the module "
               "that holds it as a resource)");
    }
    if (auto v = path(t, p, "helpdir", false)) out.helpdir = std::move(*v);
    if (const Value* flags = r_.member(t, p, "flags", Kind::array, false)) {
      for (std::size_t i = 0; i < flags->items.size(); ++i) {
        const Value& f = flags->items[i];
        static constexpr std::pair<const char*, std::uint32_t> names[] = {
            {"restricted", typelib_restricted},
            {"control", typelib_control},
            {"hidden", typelib_hidden},
            {"hasdiskimage", typelib_has_disk_image}};
        bool found = false;
        for (const auto& [name, bit] : names) {
          if (f.kind == Kind::string && f.text == name) out.flags |= bit, found = true;
        }
        if (!found) {
          r_.error("bad-flag",
                   "unknown type library flag " + (f.kind == Kind::string
                                                       ? "'" + f.text + "'"
                                                       : std::string(json::to_string(f.kind))),
                   f.offset, pointer_append(p + "/flags", i),
                   "use restricted, control, hidden or hasdiskimage");
        }
      }
    }
    description_.typelibs.push_back(std::move(out));
  }

  void interface(const Value& i, const std::string& p) {
    if (!r_.expect_object(i, p, "an interface")) return;
    r_.check_members(i, p, {"iid", "name", "proxyStub", "numMethods", "baseInterface", "typelib"});
    Interface out;
    out.at = r_.source_ref(i, p);
    if (auto g = identifier(i, p, "iid", iids_, "duplicate-iid", "IID")) out.iid = std::move(*g);
    if (auto v = r_.string(i, p, "name", true)) out.name = std::move(*v);
    if (auto g = r_.guid(i, p, "proxyStub")) out.proxy_stub = std::move(*g);
    out.num_methods = r_.uint(i, p, "numMethods", 3, 0xFFFFu);
    if (auto g = r_.guid(i, p, "baseInterface")) out.base_interface = std::move(*g);
    if (auto g = r_.guid(i, p, "typelib")) {
      refs_.push_back({Reference::To::typelib, *g, i.find("typelib")->offset, p + "/typelib"});
      out.typelib = std::move(*g);
    }
    description_.interfaces.push_back(std::move(out));
  }

  void category(const Value& c, const std::string& p) {
    if (!r_.expect_object(c, p, "a component category")) return;
    r_.check_members(c, p, {"catid", "description", "lcid"});
    Category out;
    out.at = r_.source_ref(c, p);
    if (auto g = identifier(c, p, "catid", catids_, "duplicate-catid", "CATID")) {
      out.catid = std::move(*g);
    }
    if (auto v = r_.string(c, p, "description", true)) out.description = std::move(*v);
    out.lcid = r_.uint(c, p, "lcid", 0, 0xFFFFFFFFu).value_or(0x409);
    description_.categories.push_back(std::move(out));
  }

  void check_references() {
    for (const auto& ref : refs_) {
      if (ref.to == Reference::To::appid && appids_.count(ref.guid) == 0) {
        r_.error("unknown-appid", "AppID " + ref.guid + " is not described in 'appids'", ref.offset,
                 ref.pointer,
                 "add { \"appid\": \"" + ref.guid + "\", … } to \"appids\", or fix the GUID");
      }
      if (ref.to == Reference::To::typelib && !has_typelib(ref.guid)) {
        r_.error("unknown-typelib", "type library " + ref.guid + " is not described in 'typelibs'",
                 ref.offset, ref.pointer,
                 "add { \"libid\": \"" + ref.guid + "\", … } to \"typelibs\", or fix the GUID");
      }
    }
    for (const auto& ref : remote_appids_) {
      const AppId* a = description_.find_appid(ref.guid);
      if (a != nullptr && a->remote_server_name.empty()) {
        r_.error("missing-remote-server-name",
                 "AppID " + ref.guid + " of a remote class has no 'remoteServerName'", ref.offset,
                 ref.pointer, "add \"remoteServerName\": \"server.example.com\" to that AppID");
      }
    }
  }

  bool has_typelib(const std::string& libid) const { return typelib_ids_.count(libid) != 0; }

  ObjectReader r_;
  const LoadOptions& options_;
  Description description_;
  std::vector<Reference> refs_;
  std::vector<Reference> remote_appids_;
  std::unordered_set<std::string> typelib_ids_;
  std::unordered_map<std::string, std::string> clsids_, progids_, iids_, appids_, libids_, catids_,
      executables_, licenses_;
};

}  // namespace

LoadResult load_description(std::string_view text, const std::string& file,
                            const LoadOptions& options) {
  LoadResult result;
  json::Value root;
  std::vector<json::ParseError> errors;
  json::ParseOptions parse_options;
  parse_options.max_depth = options.max_depth;
  const bool complete = json::parse(text, root, errors, parse_options);
  if (!errors.empty()) {
    ObjectReader reader(text, file, result.diagnostics);
    for (const auto& e : errors) {
      const bool duplicate = e.message.rfind("duplicate member", 0) == 0;
      const bool deep = e.message.rfind("nesting deeper", 0) == 0;
      const bool utf8 = e.message.rfind("invalid UTF-8", 0) == 0;
      reader.error(duplicate ? "duplicate-key"
                   : deep    ? "too-deep"
                   : utf8    ? "invalid-utf8"
                             : "json-syntax",
                   e.message, e.offset, {}, e.hint);
    }
    if (!complete) return result;
  }
  Loader loader(text, file, options, result.diagnostics);
  loader.load(root);
  if (!result.diagnostics.has_errors()) result.description = loader.take();
  return result;
}

}  // namespace comreg
