// Description model -> diagnostics: every rule a description must satisfy (description_rules.hpp,
// comreg/model/progid.hpp, protected_identities.hpp), once. The loader reads a file into a model
// and calls this; a model that was never text (an import, a type library) is checked the same
// way, without writing it out and reading it back.
//
// Speed: no JSON pointer is built unless a problem is reported, and identifiers are checked
// for duplicates in allocation-free tables (first_seen.hpp) that remember where each was seen
// as a few indices.
//
// Members are named by the JSON pointer they have when the model is written
// (description_to_json): elements by index, empty optional strings left out. So a required
// member that the writer leaves out when empty is missing-field at its object, one it always
// writes is empty-value at itself, as the loader would say.
#include "comreg/description/description_validator.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "comreg/core/guid.hpp"
#include "comreg/model/class_listings.hpp"
#include "comreg/model/description_members.hpp"
#include "comreg/model/progid.hpp"
#include "comreg/model/protected_identities.hpp"
#include "core/ascii.hpp"
#include "core/quoted.hpp"
#include "description/description_rules.hpp"
#include "description/first_seen.hpp"
#include "description/placeholders.hpp"

namespace comreg {
namespace {

std::string member(const std::string& object, std::string_view name) {
  std::string out = object;
  out += '/';
  out += name;
  return out;
}

// Where a member is: its object's pointer and its name, made into a JSON pointer only when a
// problem is reported (validating a valid model builds no member pointers).
struct At {
  const std::string& object;
  std::string_view name;
  [[nodiscard]] std::string pointer() const { return member(object, name); }
};

// Where an identifier was first seen, compactly (the duplicate tables hold an index of one):
// the element's indices and the member, made into a pointer only for a duplicate's message.
struct Site {
  enum class List : std::uint8_t { classes, appids, typelibs, interfaces, categories } list;
  std::uint32_t outer;  // the server, or the element
  std::uint32_t inner;  // the class, or the executable
  std::string_view member;

  [[nodiscard]] std::string pointer() const {
    switch (list) {
      case List::classes:
        return "/servers/" + std::to_string(outer) + "/classes/" + std::to_string(inner) + "/" +
               std::string(member);
      case List::appids:
        return "/appids/" + std::to_string(outer) + "/" + std::string(member) +
               (member == "executables" ? "/" + std::to_string(inner) : std::string());
      case List::typelibs:
        return "/typelibs/" + std::to_string(outer) + "/" + std::string(member);
      case List::interfaces:
        return "/interfaces/" + std::to_string(outer) + "/" + std::string(member);
      case List::categories:
        return "/categories/" + std::to_string(outer) + "/" + std::string(member);
    }
    return {};
  }
};

// Whether `key` may be one of Windows' own identities: in OLE's reserved range
// {xxxxxxxx-0000-0000-C000-000000000046} or a GUID of the curated list. Decided on the 128-bit
// key, so that 10,000 identities of a valid description compose no text for the check;
// check_protected_identity() then says which, in the words of its error.
bool may_be_protected(const IdKey& key) {
  if ((key.high & 0xFFFFFFFFu) == 0 && key.low == 0xC000000000000046u) return true;
  static const std::vector<IdKey> listed = [] {
    std::vector<IdKey> keys;
    for (const auto& p : protected_identities()) {
      if (p.kind != IdentityKind::progid) keys.push_back(id_key(p.id));
    }
    return keys;
  }();
  return std::any_of(listed.begin(), listed.end(),
                     [&](const IdKey& k) { return k.high == key.high && k.low == key.low; });
}

// The canonical text of a GUID key (for messages).
std::string guid_text(const IdKey& k) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out = "{";
  for (int i = 0; i < 32; ++i) {
    const std::uint64_t half = i < 16 ? k.high : k.low;
    out += hex[(half >> (4 * (15 - i % 16))) & 0xF];
    if (i == 7 || i == 11 || i == 15 || i == 19) out += '-';
  }
  return out + "}";
}

struct Reference {
  enum class To : std::uint8_t { appid, typelib } to;
  IdKey key;
  Site at;
};

class Validator {
 public:
  Validator(const Description& d, const ValidateOptions& options, Diagnostics& out)
      : d_(d), options_(options), out_(out) {
    std::size_t classes = 0;
    for (const auto& server : d.servers) classes += server.classes.size();
    clsids_.reserve(classes);
    progids_.reserve(2 * classes);
    appids_.reserve(d.appids.size());
    libids_.reserve(d.typelibs.size());
    typelib_ids_.reserve(d.typelibs.size());
    iids_.reserve(d.interfaces.size());
    catids_.reserve(d.categories.size());
    // Upper bounds (a class has a CLSID and two ProgIDs, and refers to an AppID and a type
    // library), so that these vectors are not regrown, copied and refaulted as they fill.
    sites_.reserve(3 * classes + d.appids.size() + 2 * d.typelibs.size() + d.interfaces.size() +
                   d.categories.size());
    refs_.reserve(2 * classes + d.interfaces.size());
  }

  void run() {
    if (d_.format_version != 1) {
      error("unsupported-version",
            "format version " + std::to_string(d_.format_version) + " is not supported", "/comreg",
            "this comreg reads \"comreg\": 1");
    }
    assembly();
    // Type libraries and interfaces alone (a proxy/stub-less registration) need no server.
    const bool registers_other = !d_.typelibs.empty() || !d_.interfaces.empty();
    if (!registers_other && absent(d_.servers.empty(), root_, "servers")) {
      error("empty-value", "'servers' is empty", "/servers",
            "describe at least one server binary and its classes");
    }
    for (std::size_t i = 0; i < d_.servers.size(); ++i) {
      server(d_.servers[i], static_cast<std::uint32_t>(i));
    }
    for (std::size_t i = 0; i < d_.appids.size(); ++i) {
      appid(d_.appids[i], static_cast<std::uint32_t>(i));
    }
    for (std::size_t i = 0; i < d_.typelibs.size(); ++i) {
      typelib(d_.typelibs[i], static_cast<std::uint32_t>(i));
    }
    for (std::size_t i = 0; i < d_.interfaces.size(); ++i) {
      interface(d_.interfaces[i], static_cast<std::uint32_t>(i));
    }
    for (std::size_t i = 0; i < d_.categories.size(); ++i) {
      category(d_.categories[i], static_cast<std::uint32_t>(i));
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

  // Whether the reader could not read the member at `pointer` or an element it is in (it said
  // so already; the model holds a default there).
  [[nodiscard]] bool unread(std::string_view pointer) const {
    if (options_.unread == nullptr || options_.unread->empty()) return false;
    for (std::size_t end = pointer.size(); end > 0 && end != std::string_view::npos;
         end = pointer.rfind('/', end - 1)) {
      if (options_.unread->contains(std::string(pointer.substr(0, end)))) return true;
    }
    return false;
  }

  // A member is absent when the model has nothing there and the reader did not fail to read it.
  [[nodiscard]] bool absent(bool empty, const std::string& object, std::string_view name) const {
    return empty && (options_.unread == nullptr || !unread(member(object, name)));
  }

  void error(const char* code, std::string message, const std::string& pointer, std::string hint) {
    if (unread(pointer)) return;
    out_.error(code, std::move(message), where(pointer), std::move(hint));
  }

  bool report(std::optional<RuleProblem> problem, const std::string& pointer) {
    if (!problem) return false;
    error(problem->code, std::move(problem->message), pointer, std::move(problem->hint));
    return true;
  }

  bool report(std::optional<RuleProblem> problem, const At& at) {
    if (!problem) return false;
    return report(std::move(problem), at.pointer());
  }

  void missing(const std::string& object, std::string_view name) {
    error("missing-field", "missing required member '" + std::string(name) + "'", object,
          "add \"" + std::string(name) + "\"");
  }

  // A string member as written: no control characters, not empty when `required`, not too
  // long for the registry. True when it passes.
  bool text(std::string_view value, const At& at, bool required = false) {
    if (report(control_character_problem(value), at)) return false;
    if (required && value.empty()) {
      report(empty_value_problem(at.name), at);
      return false;
    }
    return !report(length_problem(value, at.name), at);
  }

  // A path-like member: a string whose ${name} placeholders are checked as the loader resolves
  // them, when the options ask for it.
  bool path(std::string_view value, const At& at, bool required = false) {
    if (!text(value, at, required)) return false;
    if (!options_.placeholders || value.find("${") == std::string_view::npos) return true;
    std::vector<PlaceholderProblem> problems;
    (void)resolve_placeholders(value, {}, {}, *options_.placeholders, problems);
    for (auto& p : problems) error(p.code, std::move(p.message), at.pointer(), std::move(p.hint));
    return problems.empty();
  }

  // A GUID value as its key; reported when it is not one.
  std::optional<IdKey> guid(std::string_view value, const At& at) {
    if (auto key = canonical_id_key(value)) return key;  // the usual case, allocation-free
    if (report(control_character_problem(value), at)) return std::nullopt;
    if (const auto g = normalize_guid(value)) return id_key(*g);
    error("bad-guid", "invalid GUID " + quoted(value), at.pointer(),
          "write a GUID as {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} (32 hex digits; braces "
          "optional)");
    return std::nullopt;
  }

  std::optional<IdKey> optional_guid(const std::string& value, const At& at) {
    if (value.empty()) return std::nullopt;
    return guid(value, at);
  }

  // Records `key` first seen at `site`; a later one is reported there, citing the first.
  template <typename Table, typename Key, typename What>
  bool unique(Table& table, const Key& key, const Site& site, const char* code, What&& what) {
    const auto first = table.insert(key, static_cast<std::uint32_t>(sites_.size()));
    if (!first) {
      sites_.push_back(site);
      return true;
    }
    error(code, what() + " is already used at " + sites_[*first].pointer(), site.pointer(),
          "each must be unique within the description");
    return false;
  }

  // A GUID that identifies its element: valid and unique.
  std::optional<IdKey> identifier(const std::string& value, const At& at, const Site& site,
                                  IdTable& seen, const char* code, const char* label) {
    const auto key = guid(value, at);
    if (key) {
      unique(seen, *key, site, code, [&] { return std::string(label) + " " + guid_text(*key); });
    }
    return key;
  }

  // Windows' own identities are never a description's to register (or to delete).
  void protect(const At& at, IdentityKind kind, const IdKey& key) {
    if (!may_be_protected(key)) return;
    const ProtectedIdentityProblem problem = check_protected_identity(kind, guid_text(key));
    if (problem.code != nullptr) error(problem.code, problem.message, at.pointer(), problem.hint);
  }

  void range(const std::optional<std::uint32_t>& value, const std::string& object,
             const format::IntegerRange& r) {
    if (!value || (*value >= r.min && *value <= r.max)) return;
    report(out_of_range_problem(r.member, std::to_string(*value), r.min, r.max),
           At{object, r.member});
  }

  void assembly() {
    const Assembly& a = d_.assembly;
    const std::string p = "/assembly";
    if (text(a.name, {p, "name"}, true)) report(assembly_name_problem(a.name), p + "/name");
    if (text(a.version, {p, "version"}, true)) {
      report(assembly_version_problem(a.version), p + "/version");
    }
    if (!a.public_key_token.empty() && text(a.public_key_token, {p, "publicKeyToken"})) {
      report(public_key_token_problem(a.public_key_token), p + "/publicKeyToken");
    }
    if (!a.language.empty() && text(a.language, {p, "language"})) {
      report(language_problem(a.language), p + "/language");
    }
  }

  void server(const Server& s, std::uint32_t index) {
    const std::string p = "/servers/" + std::to_string(index);
    if (s.kind == ServerKind::remote) {
      if (!s.path.empty()) {
        error("misplaced-field", "a remote server has no local 'path'", p + "/path",
              "remove it: the class runs on the machine named by its AppID's remoteServerName");
      }
    } else if (absent(s.path.empty(), p, "path")) {
      missing(p, "path");
    } else if (path(s.path, {p, "path"}, true) && s.kind == ServerKind::local) {
      report(local_server_path_problem(s.path, p), p + "/path");
    }
    if (!s.arguments.empty() && path(s.arguments, {p, "arguments"}) &&
        s.kind != ServerKind::local) {
      error("misplaced-field", "'arguments' applies only to local servers", p + "/arguments",
            "remove it: in-process servers are DLLs loaded without a command line");
    }
    if (s.classes.empty()) {
      error("empty-value", "'classes' is empty", p + "/classes",
            "a server registers at least one class");
    }
    for (std::size_t i = 0; i < s.classes.size(); ++i) {
      com_class(s, s.classes[i], index, static_cast<std::uint32_t>(i));
    }
  }

  // progid and versionIndependentProgid share one case-insensitive namespace. With legacyNames
  // a name that breaks the rules is kept, warned of. `other` is the class's accepted ProgID.
  bool progid(const ComClass& c, const At& at, const Site& site, const std::string& value,
              const std::string* other) {
    if (!text(value, at, true)) return false;
    const ProgIdProblem problem = check_progid(value);
    if (problem.code != nullptr && c.legacy_names && !problem.always) {
      if (const std::string pointer = at.pointer(); !unread(pointer)) {
        out_.warning(problem.code, problem.message + " (kept: the class has legacyNames)",
                     where(pointer), problem.hint);
      }
    } else if (problem.code != nullptr) {
      error(problem.code, problem.message, at.pointer(), problem.hint);
      return false;
    }
    if (const auto taken = check_protected_identity(IdentityKind::progid, value); taken.code) {
      error(taken.code, taken.message, at.pointer(), taken.hint);
      return false;
    }
    if (other != nullptr && !other->empty() && text::iequals(*other, value) && c.legacy_names) {
      if (const std::string pointer = at.pointer(); !unread(pointer)) {
        out_.warning("same-progid",
                     "versionIndependentProgid equals progid " + quoted(*other) +
                         " (kept: the class has legacyNames; the one key is written once, "
                         "without CurVer)",
                     where(pointer), "the version-independent ProgID drops the version");
      }
      return true;  // the ProgID's key, already counted
    }
    if (other != nullptr && !other->empty() && text::iequals(*other, value)) {
      error("same-progid", "versionIndependentProgid equals progid " + quoted(*other), at.pointer(),
            "the version-independent ProgID drops the version: Vendor.Component");
      return false;
    }
    // progidKey false: another class registers the ProgID key; this one only names it.
    if (!(&value == &c.progid ? c.progid_key : c.version_independent_progid_key)) return true;
    return unique(progids_, std::string_view(value), site, "duplicate-progid",
                  [&] { return "ProgID " + quoted(value); });
  }

  void guid_list(const std::vector<std::string>& values, const std::string& object,
                 std::string_view name) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!is_canonical_guid(values[i]) && !normalize_guid(values[i])) {
        const std::string base = member(object, name);
        const std::string item = std::to_string(i);
        (void)guid(values[i], {base, item});
      }
    }
  }

  // Records the CLSID of a class listing. One already seen may be listed again under a server
  // that writes another key (class_listings.hpp): then its first listing is returned, whose
  // members this one may repeat but not contradict. Else nothing (a duplicate is reported).
  std::optional<Site> listing(const IdKey& key, const Server& server, const Site& site) {
    const auto seen = clsids_.insert(key, static_cast<std::uint32_t>(sites_.size()));
    if (!seen) {
      sites_.push_back(site);
      return std::nullopt;
    }
    const Site at = sites_[*seen];
    const Server& first_server = d_.servers[at.outer];
    const auto bit = [](ServerKind k) { return static_cast<std::uint8_t>(1u << unsigned(k)); };
    std::uint8_t& keys = server_keys_[key];
    if (keys == 0) keys = bit(first_server.kind);
    if (may_share_clsid(first_server.kind, server.kind) && (keys & bit(server.kind)) == 0) {
      keys |= bit(server.kind);
      return at;
    }
    error("duplicate-clsid", "CLSID " + guid_text(key) + " is already used at " + at.pointer(),
          site.pointer(), "each must be unique within the description");
    return std::nullopt;
  }

  // A listing of a CLSID listed before: what it gives that the first gives too must agree.
  // Returns the members left to check (those the first does not give).
  ComClass relisted(const ComClass& c, const Site& first_at, const std::string& p) {
    const ComClass& first = d_.servers[first_at.outer].classes[first_at.inner];
    ComClass merged = first;
    const std::string there =
        "/servers/" + std::to_string(first_at.outer) + "/classes/" + std::to_string(first_at.inner);
    for (const std::string_view name : merge_class_listing(merged, c)) {
      error("conflicting-listing",
            "'" + std::string(name) + "' differs from the listing of the same CLSID at " + there,
            member(p, name),
            "give it in one listing only, or the same in each: the class has one CLSID key");
    }
    return members_not_in(c, first);
  }

  void com_class(const Server& server, const ComClass& listed, std::uint32_t s, std::uint32_t i) {
    const std::string p = "/servers/" + std::to_string(s) + "/classes/" + std::to_string(i);
    const auto site = [&](std::string_view name) { return Site{Site::List::classes, s, i, name}; };
    std::optional<ComClass> rest;  // a CLSID listed before: the members its first listing lacks
    if (const auto clsid = guid(listed.clsid, {p, "clsid"})) {
      if (const auto first = listing(*clsid, server, site("clsid"))) {
        rest = relisted(listed, *first, p);
      } else {
        protect({p, "clsid"}, IdentityKind::clsid, *clsid);
      }
    }
    const ComClass& c = rest ? *rest : listed;
    if (!c.name.empty()) (void)text(c.name, {p, "name"});
    std::string accepted_progid;
    if (!c.progid.empty() && progid(c, {p, "progid"}, site("progid"), c.progid, nullptr)) {
      accepted_progid = c.progid;
    }
    if (!c.version_independent_progid.empty()) {
      (void)progid(c, {p, "versionIndependentProgid"}, site("versionIndependentProgid"),
                   c.version_independent_progid, &accepted_progid);
    }
    if (listed.clr && server.kind != ServerKind::inproc) {
      error("misplaced-field", "'clr' applies only to in-process servers", p + "/clr",
            "list the class under its \"inproc\" server, whose path is mscoree.dll");
    }
    if (c.clr) {
      const std::string l = p + "/clr";
      (void)text(c.clr->class_name, {l, "class"}, true);
      (void)text(c.clr->assembly, {l, "assembly"}, true);
      if (!c.clr->runtime_version.empty())
        (void)text(c.clr->runtime_version, {l, "runtimeVersion"});
      if (!c.clr->code_base.empty()) (void)text(c.clr->code_base, {l, "codeBase"});
    }
    if (listed.threading != Threading::none && server.kind == ServerKind::local) {
      error("misplaced-field", "'threading' applies only to in-process servers", p + "/threading",
            "remove it: a local server chooses its apartments when it calls CoInitializeEx");
    }
    const auto appid = optional_guid(c.appid, {p, "appid"});
    if (appid) refs_.push_back({Reference::To::appid, *appid, site("appid")});
    const bool no_appid = absent(c.appid.empty(), p, "appid");
    if (no_appid && server.kind == ServerKind::surrogate) {
      error("missing-appid", "a class of a surrogate server needs an 'appid'", p,
            "add \"appid\" naming an entry of \"appids\"; its DllSurrogate selects the host");
    } else if (no_appid && server.kind == ServerKind::remote) {
      error("missing-appid", "a class of a remote server needs an 'appid'", p,
            "add \"appid\" naming an entry of \"appids\" that has \"remoteServerName\"");
    } else if (server.kind == ServerKind::remote && appid) {
      remote_refs_.push_back({Reference::To::appid, *appid, site("appid")});
    }
    if (const auto typelib = optional_guid(c.typelib, {p, "typelib"})) {
      refs_.push_back({Reference::To::typelib, *typelib, site("typelib")});
    }
    if (!c.version.empty()) (void)text(c.version, {p, "version"});
    guid_list(c.implemented_categories, p, "implementedCategories");
    guid_list(c.required_categories, p, "requiredCategories");
    if (!c.toolbox_bitmap.empty()) (void)path(c.toolbox_bitmap, {p, "toolboxBitmap"});
    if (!c.default_icon.empty()) (void)path(c.default_icon, {p, "defaultIcon"});
    (void)optional_guid(c.treat_as, {p, "treatAs"});
    (void)optional_guid(c.auto_convert_to, {p, "autoConvertTo"});
    if (c.license) {
      const std::string l = p + "/license";
      const auto id = guid(c.license->id, {l, "id"});
      const bool key = text(c.license->key, {l, "key"}, true);
      if (id && key) {
        unique(licenses_, *id, site("license/id"), "duplicate-license",
               [&] { return "licence id " + guid_text(*id); });
      }
    }
    class_values(c.values, p, true);
    std::unordered_set<std::string> subkeys;
    for (std::uint32_t k = 0; k < c.subkeys.size(); ++k) {
      const std::string e = p + "/subkeys/" + std::to_string(k);
      if (class_subkey(c.subkeys[k].key, {e, "key"}) &&
          !subkeys.insert(text::fold_case(c.subkeys[k].key)).second) {
        error("duplicate-subkey", "subkey " + quoted(c.subkeys[k].key) + " is listed twice",
              e + "/key",
              "list each subkey once (registry names ignore case), with all its values");
      }
      class_values(c.subkeys[k].values, e, false);
    }
  }

  // A class's own subkey: a path relative to its key, whose first name no member plans (a
  // subkey there would shadow what comreg writes, or be deleted with it).
  bool class_subkey(const std::string& key, const At& at) {
    if (key.empty() || !text(key, at)) return false;  // the reader said it is missing or empty
    for (std::size_t start = 0;;) {
      const std::size_t sep = key.find('\\', start);
      const std::string_view name =
          std::string_view(key).substr(start, sep == std::string::npos ? sep : sep - start);
      if (name.empty() || name.size() > 255) {
        error("bad-subkey",
              "subkey " + quoted(key) +
                  (name.empty() ? " has an empty name (a backslash at an end, or two)"
                                : " has a name longer than 255 characters"),
              at.pointer(), "write the path relative to the class's key, as \"Instance\\\\{…}\"");
        return false;
      }
      for (const std::string_view planned : format::class_planned_subkeys) {
        if (start != 0 || !text::iequals(name, planned)) continue;
        error("planned-subkey",
              "subkey " + quoted(key) + " is in " + std::string(planned) +
                  ", which the class's members plan",
              at.pointer(),
              "describe it with the class's members (docs/description.md), not as a subkey");
        return false;
      }
      if (sep == std::string::npos) return true;
      start = sep + 1;
    }
  }

  // The `values` of a class's key (`on_class_key`) or of one of its subkeys: each name once
  // (registry names ignore case), none a member plans, strings as any member's text.
  void class_values(const std::vector<ClassValue>& values, const std::string& object,
                    bool on_class_key) {
    std::unordered_set<std::string> names;
    for (std::uint32_t i = 0; i < values.size(); ++i) {
      const ClassValue& v = values[i];
      const std::string e = object + "/values/" + std::to_string(i);
      if (!text(v.name, {e, "name"})) continue;
      if (on_class_key) {
        bool planned = false;
        for (const std::string_view name : format::class_planned_values) {
          planned = planned || text::iequals(v.name, name);
        }
        if (planned) {
          const bool name = v.name.empty();
          error("planned-value",
                std::string(name ? "the class key's default value" : "value " + quoted(v.name)) +
                    " is planned by the class's '" + (name ? "name" : "appid") + "' member",
                e + "/name", std::string("use \"") + (name ? "name" : "appid") + "\" instead");
          continue;
        }
      }
      if (!names.insert(text::fold_case(v.name)).second) {
        error("duplicate-value", "value " + quoted(v.name) + " is listed twice", e + "/name",
              "list each value once (registry names ignore case)");
      }
      if (v.value.type == RegType::sz || v.value.type == RegType::expand_sz) {
        (void)text(v.value.text, {e, "value"});
      }
      for (const auto& string : v.value.strings) {
        if (report(control_character_problem(string), At{e, "value"})) break;
      }
    }
  }

  void appid(const AppId& a, std::uint32_t index) {
    const std::string p = "/appids/" + std::to_string(index);
    const Site site{Site::List::appids, index, 0, "appid"};
    const auto id = identifier(a.appid, {p, "appid"}, site, appids_, "duplicate-appid", "AppID");
    if (id) protect({p, "appid"}, IdentityKind::appid, *id);
    if (!a.name.empty()) (void)text(a.name, {p, "name"});
    if (a.dll_surrogate) (void)path(*a.dll_surrogate, {p, "dllSurrogate"});
    if (!a.local_service.empty()) (void)text(a.local_service, {p, "localService"});
    if (!a.service_parameters.empty()) (void)text(a.service_parameters, {p, "serviceParameters"});
    if (!a.run_as.empty()) (void)text(a.run_as, {p, "runAs"});
    for (const auto& [name, value] : {std::pair{"accessPermission", &a.access_permission},
                                      std::pair{"launchPermission", &a.launch_permission}}) {
      if (!value->empty() && text(*value, {p, name}, true)) {
        report(sddl_problem(name, *value), member(p, name));
      }
    }
    range(a.authentication_level, p, format::authentication_level_range);
    const bool remote_server_name =
        !a.remote_server_name.empty() && text(a.remote_server_name, {p, "remoteServerName"});
    range(a.preferred_server_bitness, p, format::preferred_server_bitness_range);
    const std::string executables = p + "/executables";
    for (std::size_t i = 0; i < a.executables.size(); ++i) {
      const std::string& name = a.executables[i];
      const std::string item = std::to_string(i);
      const At at{executables, item};
      if (report(control_character_problem(name), at)) continue;
      if (report(executable_name_problem(name), at)) continue;
      unique(executables_, std::string_view(name),
             Site{Site::List::appids, index, static_cast<std::uint32_t>(i), "executables"},
             "duplicate-executable", [&] { return "executable " + quoted(name); });
    }
    // The first AppID of a GUID is the one a remote class's reference finds.
    if (id) remote_server_names_.try_emplace(*id, remote_server_name);
  }

  void typelib(const TypeLib& t, std::uint32_t index) {
    const std::string p = "/typelibs/" + std::to_string(index);
    const Site site{Site::List::typelibs, index, 0, "libid"};
    const auto libid = guid(t.libid, {p, "libid"});
    if (libid) {
      protect({p, "libid"}, IdentityKind::libid, *libid);
      (void)typelib_ids_.insert(*libid, 0);
    }
    // A version that could not be read is no version to compare.
    if (libid && (options_.unread == nullptr || !unread(p + "/version"))) {
      const std::uint32_t version = static_cast<std::uint32_t>(t.major) << 16 | t.minor;
      IdKey key = *libid;
      key.extra = version;
      unique(libids_, key, site, "duplicate-libid", [&] {
        return "type library " + guid_text(*libid) + " version " + std::to_string(t.major) + "." +
               std::to_string(t.minor);
      });
    }
    if (!t.name.empty()) (void)text(t.name, {p, "name"});
    if (!t.win32.empty()) (void)path(t.win32, {p, "win32"});
    if (!t.win64.empty()) (void)path(t.win64, {p, "win64"});
    if (absent(t.win32.empty(), p, "win32") && absent(t.win64.empty(), p, "win64")) {
      error("missing-field", "a type library needs 'win32' or 'win64' (or both)", p,
            "add \"win64\": \"${installdir}\\\\server.dll\" (the .tlb file or the module "
            "that holds it as a resource)");
    }
    if (t.helpdir && !t.helpdir->empty()) (void)path(*t.helpdir, {p, "helpdir"});
  }

  void interface(const Interface& i, std::uint32_t index) {
    const std::string p = "/interfaces/" + std::to_string(index);
    const auto site = [&](std::string_view name) {
      return Site{Site::List::interfaces, index, 0, name};
    };
    if (const auto iid =
            identifier(i.iid, {p, "iid"}, site("iid"), iids_, "duplicate-iid", "IID")) {
      protect({p, "iid"}, IdentityKind::iid, *iid);
    }
    (void)text(i.name, {p, "name"}, true);
    (void)optional_guid(i.proxy_stub, {p, "proxyStub"});
    (void)optional_guid(i.proxy_stub16, {p, "proxyStub16"});
    range(i.num_methods, p, format::num_methods_range);
    (void)optional_guid(i.base_interface, {p, "baseInterface"});
    if (const auto typelib = optional_guid(i.typelib, {p, "typelib"})) {
      refs_.push_back({Reference::To::typelib, *typelib, site("typelib")});
    }
  }

  void category(const Category& c, std::uint32_t index) {
    const std::string p = "/categories/" + std::to_string(index);
    (void)identifier(c.catid, {p, "catid"}, Site{Site::List::categories, index, 0, "catid"},
                     catids_, "duplicate-catid", "CATID");
    (void)text(c.description, {p, "description"}, true);
  }

  void check_references() {
    for (const auto& ref : refs_) {
      if (ref.to == Reference::To::appid && !appids_.contains(ref.key)) {
        const std::string guid = guid_text(ref.key);
        error("unknown-appid", "AppID " + guid + " is not described in 'appids'", ref.at.pointer(),
              "add { \"appid\": \"" + guid + "\", … } to \"appids\", or fix the GUID");
      }
      if (ref.to == Reference::To::typelib && !typelib_ids_.contains(ref.key)) {
        const std::string guid = guid_text(ref.key);
        error("unknown-typelib", "type library " + guid + " is not described in 'typelibs'",
              ref.at.pointer(),
              "add { \"libid\": \"" + guid + "\", … } to \"typelibs\", or fix the GUID");
      }
    }
    for (const auto& ref : remote_refs_) {
      const auto it = remote_server_names_.find(ref.key);
      if (it != remote_server_names_.end() && !it->second) {
        error("missing-remote-server-name",
              "AppID " + guid_text(ref.key) + " of a remote class has no 'remoteServerName'",
              ref.at.pointer(), "add \"remoteServerName\": \"server.example.com\" to that AppID");
      }
    }
  }

  const Description& d_;
  const ValidateOptions& options_;
  Diagnostics& out_;
  const std::string root_;   // the root object's pointer: ""
  std::vector<Site> sites_;  // where each identifier in the tables below was first seen
  IdTable clsids_, appids_, libids_, typelib_ids_, iids_, catids_, licenses_;
  NameTable progids_, executables_;
  std::unordered_map<IdKey, bool, IdKeyHash> remote_server_names_;  // AppID -> has one
  std::unordered_map<IdKey, std::uint8_t, IdKeyHash> server_keys_;  // relisted CLSID -> kinds
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
