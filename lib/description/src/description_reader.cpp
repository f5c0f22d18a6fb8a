// JSON document -> Description model. The members and spellings it accepts are the format's
// table (comreg/model/description_members.hpp; docs/description.md, schemas/comreg.schema.json).
// It judges nothing it could store: uniqueness, references, ProgID rules, protected identities,
// which member fits which server kind are the validator's (description_validator.cpp), which
// checks a model however it was made. Every problem is collected, none stops the pass.
//
// Speed: a 10,000-class description is read in a few milliseconds. The document is flat and
// its strings are views of the text; problems are located by offset and their JSON pointers
// worked out only when reported.
#include "description/description_reader.hpp"

#include <charconv>

#include "comreg/core/guid.hpp"
#include "comreg/model/description_members.hpp"
#include "core/ascii.hpp"
#include "description/description_rules.hpp"
#include "description/object_reader.hpp"
#include "description/placeholders.hpp"

namespace comreg {
namespace {

using json::Kind;
using json::View;

std::string indexed(std::string_view base, std::size_t index) {
  std::string out(base);
  out += '/';
  out += std::to_string(index);
  return out;
}

class Reader {
 public:
  Reader(const json::Document& document, const json::LineIndex& lines, const std::string& file,
         const LoadOptions& options, Diagnostics& diagnostics)
      : r_(document, lines, file, diagnostics), options_(options) {
    description_.file = file;
    description_.symbolic.assign(options.symbolic.begin(), options.symbolic.end());
  }

  void read(View root) {
    if (!r_.expect_object(root, "a description")) return;
    r_.check_members(root, format::root_members);
    r_.member(root, "$schema", Kind::string, false);
    format_version(root);
    if (const View a = r_.member(root, "assembly", Kind::object, true)) assembly(a);
    if (const View s = r_.member(root, "servers", Kind::array, true)) {
      description_.servers.reserve(s.size());
      for (std::uint32_t i = 0; i < s.size(); ++i) server(s.item(i), i);
    }
    each(root, "appids", description_.appids, [this](View v, std::string p) { appid(v, p); });
    each(root, "typelibs", description_.typelibs, [this](View v, std::string p) { typelib(v, p); });
    each(root, "interfaces", description_.interfaces,
         [this](View v, std::string p) { interface(v, p); });
    each(root, "categories", description_.categories,
         [this](View v, std::string p) { category(v, p); });
  }

  ReadDescription take() { return {std::move(description_), r_.take_unread()}; }

 private:
  // Each element of the list `name`, read by `f`; one that is not an object keeps its index (a
  // default in its place, unread) so that the validator's pointers name the right element.
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
    const std::string_view text = v.text();
    if (text.find_first_of(".eE") != std::string_view::npos) {
      r_.error("wrong-type", "'comreg' must be an integer, found " + std::string(text), v.offset(),
               "write \"comreg\": 1");
      return;
    }
    // Any other integer is the validator's unsupported-version; one that no int holds is said
    // here, as written.
    int version = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (ec != std::errc() || end != text.data() + text.size()) {
      r_.error("unsupported-version", "format version " + std::string(text) + " is not supported",
               v.offset(), "this comreg reads \"comreg\": 1");
      return;
    }
    description_.format_version = version;
  }

  // A path-like string: placeholders resolved, the result checked again (a definition may
  // bring control characters or length with it).
  // `required`: present and not empty. Length and the rest are the validator's, on the result.
  std::optional<std::string> path(View obj, std::string_view name, bool required) {
    const auto raw = required ? r_.nonempty_string(obj, name, true) : r_.string(obj, name);
    if (!raw) return std::nullopt;
    if (raw->find("${") == std::string_view::npos) return std::string(*raw);
    const std::uint32_t offset = obj.find(name).offset();
    if (!r_.check_text(*raw, offset)) return std::nullopt;
    std::vector<PlaceholderProblem> problems;
    std::string resolved = resolve_placeholders(*raw, options_.defines, options_.symbolic,
                                                options_.undefined_placeholder, problems);
    for (auto& p : problems) r_.error(p.code, std::move(p.message), offset, std::move(p.hint));
    if (!problems.empty()) return std::nullopt;
    if (!r_.check_text(resolved, offset, "a --define value")) return std::nullopt;
    return resolved;
  }

  // A string member whose value must be one of `spellings` (exact case).
  template <typename E, std::size_t N>
  std::optional<E> choice(View obj, std::string_view name, bool required, const char* code,
                          const char* what, const format::Spelling<E> (&spellings)[N],
                          const char* remark = "") {
    const auto s = required ? r_.nonempty_string(obj, name, true) : r_.string(obj, name);
    if (!s || !r_.check_text(*s, obj.find(name).offset())) return std::nullopt;
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
    if (const auto name = r_.string(a, "name", true)) out.name = std::string(*name);
    if (const auto v = r_.string(a, "version", true)) out.version = std::string(*v);
    if (const auto ar = arch(a)) out.arch = *ar;
    // Folded when it is a token; as written when not, for the validator to quote.
    if (const auto t = r_.string(a, "publicKeyToken")) {
      out.public_key_token = public_key_token_problem(*t) ? std::string(*t) : text::fold_case(*t);
    }
    if (const auto l = r_.string(a, "language")) out.language = std::string(*l);
  }

  void server(View s, std::uint32_t index) {
    Server& out = description_.servers.emplace_back();
    if (!r_.expect_object(s, "a server")) return;
    r_.check_members(s, format::server_members);
    const std::string p = indexed("/servers", index);
    out.at = r_.source_ref(s, p);
    out.arch = description_.assembly.arch;
    if (auto k =
            choice(s, "kind", true, "bad-kind", "server kind", format::server_kind_spellings)) {
      out.kind = *k;
    }
    // A remote server's path is misplaced (the validator says so); it is kept as written, not
    // resolved, so that the one problem is the one reported.
    if (out.kind == ServerKind::remote) {
      if (const auto v = r_.string(s, "path")) out.path = std::string(*v);
    } else if (auto path_value = path(s, "path", true)) {
      out.path = std::move(*path_value);
    }
    if (auto args = path(s, "arguments", false)) out.arguments = std::move(*args);
    if (const auto ar = arch(s)) out.arch = *ar;
    if (const View classes = r_.member(s, "classes", Kind::array, true)) {
      out.classes.reserve(classes.size());
      const std::string base = p + "/classes";
      for (std::uint32_t i = 0; i < classes.size(); ++i) {
        com_class(classes.item(i), indexed(base, i), out);
      }
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

  void com_class(View c, std::string p, Server& server) {
    ComClass& out = server.classes.emplace_back();
    if (!r_.expect_object(c, "a class")) return;
    r_.check_members(c, format::class_members);
    out.at = r_.source_ref(c, std::move(p));
    if (auto g = r_.guid(c, "clsid", true)) out.clsid = std::move(*g);
    if (const auto n = r_.string(c, "name")) out.name = std::string(*n);
    out.legacy_names = r_.boolean(c, "legacyNames").value_or(false);
    // Present, a ProgID may not be empty: the model could not tell "" from absent.
    if (const auto v = r_.nonempty_string(c, "progid")) out.progid = std::string(*v);
    if (const auto v = r_.nonempty_string(c, "versionIndependentProgid")) {
      out.version_independent_progid = std::string(*v);
    }
    out.exclusive_version_independent_progid =
        r_.boolean(c, "exclusiveVersionIndependentProgid").value_or(false);
    out.progid_key = r_.boolean(c, "progidKey").value_or(true);
    out.version_independent_progid_key =
        r_.boolean(c, "versionIndependentProgidKey").value_or(true);
    if (auto t = choice(c, "threading", false, "bad-threading", "threading model",
                        format::threading_spellings, " (COM compares the exact case)")) {
      out.threading = *t;
    }
    if (auto g = r_.guid(c, "appid")) out.appid = std::move(*g);
    if (auto g = r_.guid(c, "typelib")) out.typelib = std::move(*g);
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
      License license;
      if (auto id = r_.guid(l, "id", true)) license.id = std::move(*id);
      if (const auto key = r_.string(l, "key", true)) license.key = std::string(*key);
      out.license = std::move(license);
    }
    if (const View v = r_.member(c, "clr", Kind::object, false)) clr(v, out);
    class_values(c, out.values);
    if (const View list = r_.member(c, "subkeys", Kind::array, false)) {
      out.subkeys.reserve(list.size());
      for (std::uint32_t i = 0; i < list.size(); ++i) class_subkey(list.item(i), out);
    }
  }

  // Every element is kept, read or not, so that the validator's pointers stay those of the file.
  void class_subkey(View k, ComClass& out) {
    ClassSubkey& subkey = out.subkeys.emplace_back();
    if (!r_.expect_object(k, "a subkey")) return;
    r_.check_members(k, format::class_subkey_members);
    if (const auto v = r_.nonempty_string(k, "key", true)) subkey.key = std::string(*v);
    class_values(k, subkey.values);
  }

  void class_values(View obj, std::vector<ClassValue>& out) {
    const View list = r_.member(obj, "values", Kind::array, false);
    if (!list) return;
    out.reserve(list.size());
    for (std::uint32_t i = 0; i < list.size(); ++i) {
      ClassValue& value = out.emplace_back();
      const View v = list.item(i);
      if (!r_.expect_object(v, "a registry value")) continue;
      r_.check_members(v, format::class_value_members);
      if (const auto n = r_.string(v, "name", true)) value.name = std::string(*n);
      RegType type = RegType::sz;
      if (v.find("type")) {
        const auto t = choice(v, "type", false, "bad-value-type", "value type",
                              format::class_value_type_spellings);
        if (!t) continue;
        type = *t;
      }
      value.value = value_data(v, type);
    }
  }

  // The "value" member as `type` has it: text, a DWORD number, an array of strings, or the
  // bytes of a REG_BINARY as hex digits.
  RegValue value_data(View v, RegType type) {
    switch (type) {
      case RegType::dword:
        return RegValue::dword(r_.uint(v, "value", 0, 0xFFFFFFFFu, true).value_or(0));
      case RegType::multi_sz: {
        std::vector<std::string> strings;
        if (const View list = r_.member(v, "value", Kind::array, true)) {
          for (std::uint32_t i = 0; i < list.size(); ++i) {
            const View item = list.item(i);
            if (item.kind() == Kind::string) {
              strings.emplace_back(item.text());
            } else {
              r_.error("wrong-type",
                       "a REG_MULTI_SZ's strings must be strings, found " +
                           std::string(json::to_string(item.kind())),
                       item.offset(), "put each string in double quotes");
            }
          }
        }
        return RegValue::multi_sz(std::move(strings));
      }
      case RegType::binary: {
        const auto hex = r_.string(v, "value", true);
        std::vector<std::uint8_t> bytes;
        if (!hex) return RegValue::binary({});
        const auto digit = [](char c) {
          return c >= '0' && c <= '9'   ? c - '0'
                 : c >= 'a' && c <= 'f' ? c - 'a' + 10
                 : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                        : -1;
        };
        bool ok = hex->size() % 2 == 0;
        for (std::size_t i = 0; ok && i < hex->size(); i += 2) {
          const int high = digit((*hex)[i]), low = digit((*hex)[i + 1]);
          ok = high >= 0 && low >= 0;
          if (ok) bytes.push_back(static_cast<std::uint8_t>(high * 16 + low));
        }
        if (!ok) {
          r_.error("bad-binary", "a REG_BINARY value must be hex digits, two per byte",
                   v.find("value").offset(), "write the bytes as \"01a0ff\"");
        }
        return RegValue::binary(std::move(bytes));
      }
      default: {
        std::string text(r_.string(v, "value", true).value_or(""));
        return type == RegType::expand_sz ? RegValue::expand_sz(std::move(text))
                                          : RegValue::sz(std::move(text));
      }
    }
  }

  void clr(View v, ComClass& out) {
    r_.check_members(v, format::clr_members);
    ClrClass clr;
    if (const auto s = r_.nonempty_string(v, "class", true)) clr.class_name = std::string(*s);
    if (const auto s = r_.nonempty_string(v, "assembly", true)) clr.assembly = std::string(*s);
    if (const auto s = r_.nonempty_string(v, "runtimeVersion")) {
      clr.runtime_version = std::string(*s);
    }
    if (const auto s = r_.nonempty_string(v, "codeBase")) clr.code_base = std::string(*s);
    out.clr = std::move(clr);
  }

  void appid(View a, std::string p) {
    AppId& out = description_.appids.emplace_back();
    if (!r_.expect_object(a, "an AppID")) return;
    r_.check_members(a, format::appid_members);
    out.at = r_.source_ref(a, std::move(p));
    if (auto g = r_.guid(a, "appid", true)) out.appid = std::move(*g);
    if (const auto v = r_.string(a, "name")) out.name = std::string(*v);
    if (a.find("dllSurrogate")) {
      if (auto v = path(a, "dllSurrogate", false)) out.dll_surrogate = std::move(*v);
    }
    if (const auto v = r_.string(a, "localService")) out.local_service = std::string(*v);
    if (const auto v = r_.string(a, "serviceParameters")) out.service_parameters = std::string(*v);
    if (const auto v = r_.string(a, "runAs")) out.run_as = std::string(*v);
    // Present, a security descriptor may not be empty (absent means the machine's default).
    for (const auto& [name, value] : {std::pair{"accessPermission", &out.access_permission},
                                      std::pair{"launchPermission", &out.launch_permission}}) {
      if (const auto v = r_.nonempty_string(a, name)) *value = std::string(*v);
    }
    out.authentication_level = r_.uint(a, format::authentication_level_range);
    if (const auto v = r_.string(a, "remoteServerName")) out.remote_server_name = std::string(*v);
    out.appid_flags = r_.uint(a, "appIdFlags", 0, 0xFFFFFFFFu);
    out.preferred_server_bitness = r_.uint(a, format::preferred_server_bitness_range);
    if (const View list = r_.member(a, "executables", Kind::array, false)) {
      for (std::uint32_t i = 0; i < list.size(); ++i) executable(list.item(i), out);
    }
    out.exclusive = r_.boolean(a, "exclusive").value_or(false);
  }

  // Kept as written, in its place (the validator's pointers count on it), "" when unread.
  void executable(View e, AppId& out) {
    if (e.kind() != Kind::string) {
      r_.error("wrong-type",
               std::string("expected a file name, found ") + json::to_string(e.kind()), e.offset(),
               "write the executable's file name in double quotes");
      out.executables.emplace_back();
      return;
    }
    out.executables.emplace_back(e.text());
  }

  void typelib(View t, std::string p) {
    TypeLib& out = description_.typelibs.emplace_back();
    if (!r_.expect_object(t, "a type library")) return;
    r_.check_members(t, format::typelib_members);
    out.at = r_.source_ref(t, std::move(p));
    if (auto libid = r_.guid(t, "libid", true)) out.libid = std::move(*libid);
    // Held as two numbers: the text is judged here.
    if (const auto v = r_.nonempty_string(t, "version", true);
        v && r_.check_text(*v, t.find("version").offset())) {
      std::uint16_t parts[2] = {0, 0};
      if (!version_parts(*v, 2, parts)) {
        r_.error("bad-version", "type library version " + quoted(*v) + " is not major.minor",
                 t.find("version").offset(),
                 "write it like \"1.0\" (decimal, each part 0 to 65535)");
      } else {
        out.major = parts[0], out.minor = parts[1];
      }
    }
    out.lcid = r_.uint(t, "lcid", 0, 0xFFFFFFFFu).value_or(0);
    if (const auto v = r_.string(t, "name")) out.name = std::string(*v);
    if (auto v = path(t, "win32", false)) out.win32 = std::move(*v);
    if (auto v = path(t, "win64", false)) out.win64 = std::move(*v);
    // null: the registration has no HELPDIR (FLAGS) key; absent: an empty one ("0") is written.
    if (const View h = t.find("helpdir"); h && h.kind() == Kind::null) {
      out.helpdir.reset();
    } else if (auto v = path(t, "helpdir", false)) {
      out.helpdir = std::move(*v);
    }
    if (const View f = t.find("flags"); f && f.kind() == Kind::null) {
      out.flags.reset();
    } else if (const View flags = r_.member(t, "flags", Kind::array, false)) {
      std::uint32_t bits = 0;
      for (std::uint32_t i = 0; i < flags.size(); ++i) bits |= typelib_flag(flags.item(i));
      out.flags = bits;
    }
    out.exclusive = r_.boolean(t, "exclusive").value_or(false);
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
    Interface& out = description_.interfaces.emplace_back();
    if (!r_.expect_object(i, "an interface")) return;
    r_.check_members(i, format::interface_members);
    out.at = r_.source_ref(i, std::move(p));
    if (auto g = r_.guid(i, "iid", true)) out.iid = std::move(*g);
    if (const auto v = r_.string(i, "name", true)) out.name = std::string(*v);
    if (auto g = r_.guid(i, "proxyStub")) out.proxy_stub = std::move(*g);
    if (auto g = r_.guid(i, "proxyStub16")) out.proxy_stub16 = std::move(*g);
    out.num_methods = r_.uint(i, format::num_methods_range);
    if (auto g = r_.guid(i, "baseInterface")) out.base_interface = std::move(*g);
    if (auto g = r_.guid(i, "typelib")) out.typelib = std::move(*g);
    out.exclusive = r_.boolean(i, "exclusive").value_or(false);
  }

  void category(View c, std::string p) {
    Category& out = description_.categories.emplace_back();
    if (!r_.expect_object(c, "a component category")) return;
    r_.check_members(c, format::category_members);
    out.at = r_.source_ref(c, std::move(p));
    if (auto g = r_.guid(c, "catid", true)) out.catid = std::move(*g);
    if (const auto v = r_.string(c, "description", true)) out.description = std::string(*v);
    out.lcid = r_.uint(c, "lcid", 0, 0xFFFFFFFFu).value_or(0x409);
    out.exclusive = r_.boolean(c, "exclusive").value_or(false);
  }

  ObjectReader r_;
  const LoadOptions& options_;
  Description description_;
};

}  // namespace

ReadDescription read_description(const json::Document& document, const json::LineIndex& lines,
                                 const std::string& file, const LoadOptions& options,
                                 Diagnostics& diagnostics) {
  Reader reader(document, lines, file, options, diagnostics);
  reader.read(document.root());
  return reader.take();
}

}  // namespace comreg
