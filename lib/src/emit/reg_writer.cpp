// RegFileWriter: a plan as the .reg text regedit itself exports (programs/regedit/regproc.c in
// Wine: export_value_name, export_string_data, export_hex_data), so that both regedit and
// `reg import` read it, and a diff against a real export shows only real differences.
//
// The text is composed in UTF-8 and converted to UTF-16LE once at the end for version 5.00.
#include <cstdio>

#include "comreg/reg_writer.hpp"
#include "text/utf.hpp"

namespace comreg {
namespace {

// regproc.c: #define MAX_HEX_CHARS 77
constexpr std::size_t max_hex_chars = 77;

// Appends `s` escaped as regedit's escape_string does: backslash, quote, and the line breaks
// that would otherwise end the line.
void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

class Writer {
 public:
  Writer(const Plan& plan, const RegWriteOptions& options, Diagnostics& diagnostics)
      : plan_(plan), options_(options), diagnostics_(diagnostics),
        root_(classes_root(plan.options.scope)) {
    out_.reserve(plan.ops.size() * 90);
  }

  std::string run() {
    out_ += options_.format == RegFormat::v5 ? "Windows Registry Editor Version 5.00\r\n"
                                             : "REGEDIT4\r\n";
    if (options_.uninstall) {
      uninstall();
    } else {
      install();
    }
    out_ += "\r\n";
    if (options_.format == RegFormat::regedit4) {
      if (!is_ascii(out_)) {
        diagnostics_.error("non-ascii-regedit4",
                           "the registration contains non-ASCII text, which REGEDIT4 files "
                           "cannot carry portably (they are read in the reader's ANSI code page)",
                           {}, "use the default format (Windows Registry Editor Version 5.00, "
                               "UTF-16LE)");
      }
      return out_;
    }
    std::string utf16;
    utf16.reserve(out_.size() * 2 + 2);
    utf16 += "\xFF\xFE";
    text::append_utf16le(utf16, out_);
    return utf16;
  }

 private:
  void section(std::string_view key, bool remove = false) {
    out_ += remove ? "\r\n[-" : "\r\n[";
    out_ += root_;
    out_ += '\\';
    out_ += physical_key(key, plan_.options.view);
    out_ += "]\r\n";
  }

  // Writes `"name"=` or `@=` and returns its length, which starts regedit's line count.
  std::size_t value_name(const std::string& name) {
    const std::size_t start = out_.size();
    if (name.empty()) {
      out_ += "@=";
    } else {
      out_ += '"';
      append_escaped(out_, name);
      out_ += "\"=";
    }
    return out_.size() - start;
  }

  void hex(RegType type, std::size_t line_len, std::vector<std::uint8_t> bytes) {
    char buf[24];
    const int n = type == RegType::binary
                      ? std::snprintf(buf, sizeof buf, "hex:")
                      : std::snprintf(buf, sizeof buf, "hex(%x):", static_cast<unsigned>(type));
    out_.append(buf, static_cast<std::size_t>(n));
    line_len += static_cast<std::size_t>(n);
    static const char digits[] = "0123456789abcdef";
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      out_.push_back(digits[bytes[i] >> 4]);
      out_.push_back(digits[bytes[i] & 15]);
      if (i + 1 == bytes.size()) break;
      out_.push_back(',');
      line_len += 3;
      if (line_len >= max_hex_chars) {
        out_ += "\\\r\n  ";
        line_len = 2;
      }
    }
  }

  // REGEDIT4 stores the strings of EXPAND_SZ/MULTI_SZ as 8-bit text; ASCII is checked at the end.
  std::vector<std::uint8_t> narrow(const std::vector<std::uint8_t>& utf16) {
    std::vector<std::uint8_t> out;
    out.reserve(utf16.size() / 2);
    for (std::size_t i = 0; i + 1 < utf16.size(); i += 2) {
      out.push_back(utf16[i + 1] == 0 ? utf16[i] : static_cast<std::uint8_t>('?'));
    }
    return out;
  }

  void value(const Operation& op) {
    const RegValue& v = op.value;
    const std::size_t line_len = value_name(op.name);
    const bool plain_string = v.type == RegType::sz && v.bytes.empty();
    if (plain_string && v.text.find('\0') != std::string::npos) {
      diagnostics_.error("unrepresentable-value",
                         "value '" + op.name + "' of key " + op.key +
                             " contains a NUL character, which a .reg string cannot carry",
                         {"", 0, 0, plan_.origin_of(op)}, "remove the NUL from the description");
      return;
    }
    if (plain_string) {
      out_ += '"';
      append_escaped(out_, v.text);
      out_ += "\"\r\n";
      return;
    }
    if (v.type == RegType::dword && v.bytes.empty()) {
      char buf[24];
      std::snprintf(buf, sizeof buf, "dword:%08x\r\n", static_cast<unsigned>(v.number));
      out_ += buf;
      return;
    }
    std::vector<std::uint8_t> bytes = v.raw_bytes();
    if (options_.format == RegFormat::regedit4 &&
        (v.type == RegType::expand_sz || v.type == RegType::multi_sz)) {
      bytes = narrow(bytes);
    }
    hex(v.type, line_len, std::move(bytes));
    out_ += "\r\n";
  }

  void install() {
    for (const auto& op : plan_.ops) {
      if (op.kind == OpKind::create_key) {
        section(op.key);
      } else {
        value(op);
      }
    }
  }

  // Owned trees go whole. Shared keys (a type library's LIBID key, a component category) may
  // hold other products' entries, so only the values this plan set are removed from them.
  void uninstall() {
    for (const auto& key : owned_roots(plan_)) section(key, /*remove=*/true);
    const std::string* open_key = nullptr;
    for (const auto& op : plan_.ops) {
      if (op.kind != OpKind::set_value || op.ownership != Ownership::shared) continue;
      if (open_key == nullptr || *open_key != op.key) {
        section(op.key);
        open_key = &op.key;
      }
      value_name(op.name);
      out_ += "-\r\n";
    }
  }

  const Plan& plan_;
  const RegWriteOptions& options_;
  Diagnostics& diagnostics_;
  std::string root_;
  std::string out_;
};

}  // namespace

RegWriteResult write_reg(const Plan& plan, const RegWriteOptions& options) {
  RegWriteResult result;
  Writer writer(plan, options, result.diagnostics);
  std::string bytes = writer.run();
  if (!result.diagnostics.has_errors()) result.bytes = std::move(bytes);
  return result;
}

}  // namespace comreg
