// apply_rgs: an ATL registrar script run against a registry, as the registrar runs it on
// register. Replaceables are substituted in the text before it is parsed (ATL's
// CRegParser::PreProcessBuffer does the same, so %NAME% may stand anywhere: in key names, in
// values). Every operation is computed first and applied only when the whole script is good.
#include <cstdint>
#include <optional>

#include "comreg/import/script_apply.hpp"
#include "comreg/readers/rgs_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "core/ascii.hpp"
#include "core/line_index.hpp"
#include "core/utf.hpp"

namespace comreg {
namespace {

// ATL refuses longer replaceable names (E_FAIL): so does this.
constexpr std::size_t max_replaceable_name = 31;

// The script with every %NAME% replaced and every literal % (%% in the script, or one inside
// a replacement) written %% again, so that the reader's own %-handling gives it back as %.
std::optional<std::string> substitute(std::string_view text, const ScriptApplyOptions& options,
                                      Diagnostics& diagnostics) {
  std::string out;
  out.reserve(text.size());
  std::uint32_t line = 1, column = 1;
  const auto at = [&] { return SourceLocation{options.file, line, column, ""}; };
  const auto advance = [&](char c) {
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      advance(text[i]);
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '%') {
      out += "%%";
      advance('%');
      advance('%');
      ++i;
      continue;
    }
    const std::size_t close = text.find('%', i + 1);
    const std::size_t newline = text.find('\n', i + 1);
    if (close == std::string_view::npos || (newline != std::string_view::npos && newline < close)) {
      diagnostics.error("rgs-replaceable", "'%' opens a replaceable that is never closed", at(),
                        "write a literal % as %%");
      return std::nullopt;
    }
    const std::string name(text.substr(i + 1, close - i - 1));
    if (name.size() > max_replaceable_name) {
      diagnostics.error("rgs-replaceable",
                        "replaceable %" + name + "% is longer than the registrar's 31 characters",
                        at(), "write a literal % as %%");
      return std::nullopt;
    }
    const auto it = options.replacements.find(name);
    if (it == options.replacements.end()) {
      diagnostics.error("rgs-undefined", "replaceable %" + name + "% has no value", at(),
                        "give it one: --define " + name + "=VALUE");
      return std::nullopt;
    }
    for (const char c : it->second) {
      if (c == '%') out.push_back('%');
      out.push_back(c);
    }
    for (std::size_t j = i; j <= close; ++j) advance(text[j]);
    i = close;
  }
  return out;
}

// A key name as the registrar uses it: %% (from substitute) is one %.
std::string unescape(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    out.push_back(name[i]);
    if (name[i] == '%' && i + 1 < name.size() && name[i + 1] == '%') ++i;
  }
  return out;
}

bool starts_with_key(const std::string& path, const std::string& prefix) {
  if (path.size() < prefix.size()) return false;
  if (text::fold_case(path.substr(0, prefix.size())) != text::fold_case(prefix)) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '\\';
}

struct Op {
  enum Kind : std::uint8_t { create, remove, set } kind = create;
  std::string key;
  std::string name;
  RegValue value;
  std::uint32_t line = 0;  // of the key in the script
};

bool run_ops(const std::vector<Op>& ops, RegistryBackend& registry,
             const ScriptApplyOptions& options, Diagnostics& diagnostics);

class Planner {
 public:
  Planner(const ScriptApplyOptions& options, Diagnostics& diagnostics)
      : options_(options), diagnostics_(diagnostics), root_(classes_root(options.scope)) {}

  bool root(const RgsKey& k) {
    std::string path(long_root_name(k.name));
    if (path.empty()) {
      diagnostics_.error("rgs-root", "'" + k.name + "' is not a root key",
                         {options_.file, k.line, 0, ""},
                         "start the script with HKCR, HKCU, HKLM, HKU or HKCC");
      return false;
    }
    if (path == "HKEY_CLASSES_ROOT") path = root_;
    if (k.default_value || !k.values.empty()) {
      diagnostics_.error("rgs-root", "root key '" + k.name + "' cannot hold values",
                         {options_.file, k.line, 0, ""});
      return false;
    }
    for (const auto& child : k.children) {
      if (!key(child, path, false)) return false;
    }
    return true;
  }

  std::vector<Op> ops;
  std::vector<Unmapped> outside;

 private:
  // Under the classes root, or on the way to it (HKLM\Software): the importer reads it.
  [[nodiscard]] bool read_by_importer(const std::string& path) const {
    return starts_with_key(path, root_) || starts_with_key(root_, path);
  }

  bool key(const RgsKey& k, const std::string& parent, bool reported) {
    std::string path = parent + "\\" + unescape(k.name);
    // A 32-bit registrar's CLSID and Interface are the 32-bit view's.
    if (options_.view == View::v32 && text::fold_case(parent) == text::fold_case(root_) &&
        (text::iequals(k.name, "CLSID") || text::iequals(k.name, "Interface"))) {
      path = parent + "\\Wow6432Node\\" + unescape(k.name);
    }
    if (k.flag == RgsFlag::remove) {
      ops.push_back({Op::remove, path, {}, {}, k.line});
      return true;
    }
    if (!reported && !read_by_importer(path)) {
      outside.push_back(
          {path, "", false, "written outside " + root_ + ": the description does not carry it"});
      reported = true;
    }
    if (k.flag == RgsFlag::force_remove) ops.push_back({Op::remove, path, {}, {}, k.line});
    ops.push_back({Op::create, path, {}, {}, k.line});
    if (k.default_value && !value(k, path, "", *k.default_value, reported)) return false;
    for (const auto& [name, v] : k.values) {
      if (!value(k, path, unescape(name), v, reported)) return false;
    }
    for (const auto& child : k.children) {
      if (!key(child, path, reported)) return false;
    }
    return true;
  }

  bool value(const RgsKey& k, const std::string& path, const std::string& name, const RgsValue& v,
             bool reported) {
    std::string error;
    auto converted = rgs_to_reg_value(v, {}, &error);
    if (!converted) {
      diagnostics_.error("rgs-value", "key '" + k.name + "': " + error,
                         {options_.file, k.line, 0, ""});
      return false;
    }
    if (!reported && !starts_with_key(path, root_)) {
      outside.push_back(
          {path, name, true, "written outside " + root_ + ": the description does not carry it"});
    }
    ops.push_back({Op::set, path, name, std::move(*converted), k.line});
    return true;
  }

  const ScriptApplyOptions& options_;
  Diagnostics& diagnostics_;
  std::string root_;
};

// The script as UTF-8: a UTF-8 BOM dropped, UTF-16 LE (by its BOM) converted; other bytes are
// read as they are (ATL reads a script in the ANSI code page; the ASCII subset is what matters).
std::string script_text(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return std::string(bytes.substr(3));
  if (!bytes.starts_with("\xFF\xFE")) return std::string(bytes);
  std::u16string units;
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    units.push_back(static_cast<char16_t>(static_cast<unsigned char>(bytes[i]) |
                                          static_cast<unsigned char>(bytes[i + 1]) << 8));
  }
  return text::to_utf8(units);
}

}  // namespace

ScriptApplyResult apply_rgs(std::string_view bytes, const ScriptApplyOptions& options,
                            RegistryBackend& registry, Diagnostics& diagnostics) {
  ScriptApplyResult result;
  const std::string text = script_text(bytes);
  // Names and values go into a description, which is UTF-8 (fuzzing found a script whose
  // 8-bit path crashed the JSON writer): a script in another code page is refused, located.
  if (const std::size_t bad = text::find_invalid_utf8(text); bad != std::string::npos) {
    const auto p = LineIndex(text).position(static_cast<std::uint32_t>(bad));
    diagnostics.error("rgs-encoding", "the script is not UTF-8 (nor UTF-16 with a BOM)",
                      {options.file, p.line, p.column, ""},
                      "save it as UTF-8, or as UTF-16 with a byte order mark");
    return result;
  }
  const auto substituted = substitute(text, options, diagnostics);
  if (!substituted) return result;
  // The reader's lines stay right (a replaceable never spans lines); a column after a
  // replaceable on its line counts the substituted text, as the registrar sees it.
  RgsReadResult read = read_rgs(*substituted, options.file);
  diagnostics.append(read.diagnostics);
  if (read.diagnostics.has_errors()) return result;
  if (read.roots.empty()) {
    diagnostics.error("rgs-empty", "the script registers nothing", {options.file, 1, 1, ""});
    return result;
  }
  Planner planner(options, diagnostics);
  for (const auto& root : read.roots) {
    if (!planner.root(root)) return result;
  }
  // A key the registry refuses (a name over 255 characters, a line break in a quoted name)
  // shows only when applied: the script is tried on an empty registry first, so that a
  // refused script leaves `registry` as it was (found by fuzz_rgs_import).
  MemoryBackend trial;
  if (!run_ops(planner.ops, trial, options, diagnostics)) return result;
  if (!run_ops(planner.ops, registry, options, diagnostics)) return result;
  result.outside = std::move(planner.outside);
  result.ok = true;
  return result;
}

namespace {

bool run_ops(const std::vector<Op>& ops, RegistryBackend& registry,
             const ScriptApplyOptions& options, Diagnostics& diagnostics) {
  for (const auto& op : ops) {
    Status s;
    switch (op.kind) {
      case Op::create:
        s = registry.create_key(op.key);
        break;
      case Op::remove:
        if (registry.key_exists(op.key)) s = registry.delete_tree(op.key);
        break;
      case Op::set:
        s = registry.set_value(op.key, op.name, op.value);
        break;
    }
    if (!s.ok()) {
      diagnostics.error("rgs-apply", s.message, {options.file, op.line, 0, ""});
      return false;
    }
  }
  return true;
}

}  // namespace

}  // namespace comreg
