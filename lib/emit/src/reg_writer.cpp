// RegFileWriter: a plan as the .reg text regedit itself exports (programs/regedit/regproc.c in
// Wine: export_value_name, export_string_data, export_hex_data), so that both regedit and
// `reg import` read it, and a diff against a real export shows only real differences.
#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "comreg/emit/reg_writer.hpp"
#include "core/hex.hpp"
#include "core/utf.hpp"
#include "emit/plan_keys.hpp"

namespace comreg {
namespace {

// regproc.c: #define MAX_HEX_CHARS 77
constexpr std::size_t max_hex_chars = 77;

// Writes the file's text directly in its final encoding (UTF-16LE for version 5, 8-bit for
// REGEDIT4), escaping as it goes, so a large file is not composed twice. Counts code units,
// which is what regedit's line-length arithmetic counts. Given a ByteSink, it hands the text
// on in chunks (flush()), so a 10,000-class file (40 MB) is never held whole.
//
// The buffer's size runs ahead of the text (used_): most puts are a few characters, and
// growing the string for each was a sixth of `comreg reg`.
class TextSink {
 public:
  TextSink(bool wide, ByteSink* sink) : wide_(wide), sink_(sink) {}

  void reserve(std::size_t units) {
    if (sink_ != nullptr) units = std::min(units, chunk_units + chunk_units / 4);
    bytes_.reserve(wide_ ? 2 * units + 2 : units);
  }
  void put(char c) {
    char* out = room(2);
    out[0] = c;
    out[1] = '\0';
    used_ += wide_ ? 2 : 1;
    non_ascii_ = non_ascii_ || static_cast<unsigned char>(c) >= 0x80;
  }
  void put(std::string_view s) {
    if (!wide_) {
      std::copy(s.begin(), s.end(), room(s.size()));
      used_ += s.size();
      non_ascii_ = non_ascii_ || !text::is_ascii(s);
      return;
    }
    // ASCII (nearly all of a .reg file) is widened in place; from the first other byte on,
    // the UTF-8 decoder takes over.
    const std::size_t ascii = text::widen_ascii_prefix(s, room(2 * s.size()));
    used_ += 2 * ascii;
    if (ascii < s.size()) {
      bytes_.resize(used_);
      text::append_utf16le(bytes_, s.substr(ascii));
      used_ = bytes_.size();
      non_ascii_ = true;
    }
  }
  // `s` escaped as regedit's escape_string does: backslash, quote, and the line breaks that
  // would otherwise end the line.
  void put_escaped(std::string_view s) {
    std::size_t done = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      std::string_view escape;
      switch (s[i]) {
        case '\\':
          escape = "\\\\";
          break;
        case '"':
          escape = "\\\"";
          break;
        case '\n':
          escape = "\\n";
          break;
        case '\r':
          escape = "\\r";
          break;
        default:
          continue;
      }
      put(s.substr(done, i - done));
      put(escape);
      done = i + 1;
    }
    put(s.substr(done));
  }
  // Raw bytes that are not text (the byte order mark).
  void put_raw(std::string_view bytes) {
    std::copy(bytes.begin(), bytes.end(), room(bytes.size()));
    used_ += bytes.size();
  }
  // Text that is written in another form (hex bytes) but must still be ASCII in REGEDIT4.
  void note_text(std::string_view s) { non_ascii_ = non_ascii_ || !text::is_ascii(s); }
  [[nodiscard]] std::size_t units() const {
    const std::size_t bytes = flushed_ + used_;
    return wide_ ? bytes / 2 : bytes;
  }
  [[nodiscard]] bool non_ascii() const { return non_ascii_; }
  // Hands the text so far to the sink once a chunk is full, or at the `last` call (called
  // between entries; nothing happens without a sink).
  void flush(bool last = false) {
    if (sink_ == nullptr || (!last && used_ < (wide_ ? 2 : 1) * chunk_units)) return;
    sink_->write(std::string_view(bytes_).substr(0, used_));
    flushed_ += used_;
    used_ = 0;
  }
  std::string take() {
    bytes_.resize(used_);
    used_ = 0;
    return std::move(bytes_);
  }

 private:
  static constexpr std::size_t chunk_units = std::size_t{1} << 18;

  // At least `n` bytes writable after the text; grows by a little more than asked, so that
  // pages are touched only as the text reaches them.
  char* room(std::size_t n) {
    if (bytes_.size() - used_ < n) bytes_.resize(used_ + n + 4096);
    return bytes_.data() + used_;
  }

  bool wide_;
  ByteSink* sink_;
  bool non_ascii_ = false;
  std::string bytes_;  // the text is bytes_[0, used_)
  std::size_t used_ = 0;
  std::size_t flushed_ = 0;
};

class Writer {
 public:
  Writer(const Plan& plan, const RegWriteOptions& options, Diagnostics& diagnostics, ByteSink* sink)
      : plan_(plan),
        options_(options),
        diagnostics_(diagnostics),
        root_(classes_root(plan.options.scope)),
        out_(options.format == RegFormat::v5, sink) {
    out_.reserve(plan.ops.size() * 90);
  }

  std::string run() {
    if (options_.format == RegFormat::v5) {
      out_.put_raw("\xFF\xFE");  // UTF-16LE byte order mark
      out_.put("Windows Registry Editor Version 5.00\r\n");
    } else {
      out_.put("REGEDIT4\r\n");
    }
    if (options_.uninstall) {
      uninstall();
    } else {
      install();
    }
    out_.put("\r\n");
    out_.flush(/*last=*/true);
    if (options_.format == RegFormat::regedit4 && out_.non_ascii()) {
      diagnostics_.error("non-ascii-regedit4",
                         "the registration contains non-ASCII text, which REGEDIT4 files "
                         "cannot carry portably (they are read in the reader's ANSI code page)",
                         {},
                         "use the default format (Windows Registry Editor Version 5.00, "
                         "UTF-16LE)");
    }
    return out_.take();
  }

 private:
  void section(std::string_view key, bool remove = false) {
    out_.put(remove ? "\r\n[-" : "\r\n[");
    out_.put(root_);
    out_.put('\\');
    if (plan_.options.view == View::v32) {
      out_.put(physical_key(key, View::v32));
    } else {
      out_.put(key);
    }
    out_.put("]\r\n");
  }

  // Writes `"name"=` or `@=` and returns its length, which starts regedit's line count.
  std::size_t value_name(const std::string& name) {
    const std::size_t start = out_.units();
    if (name.empty()) {
      out_.put("@=");
    } else {
      out_.put('"');
      out_.put_escaped(name);
      out_.put("\"=");
    }
    return out_.units() - start;
  }

  // Composed in 8-bit text first and put once: per-character puts dominate large files.
  void hex(RegType type, std::size_t line_len, const std::vector<std::uint8_t>& bytes) {
    char buf[24];
    const int n = type == RegType::binary
                      ? std::snprintf(buf, sizeof buf, "hex:")
                      : std::snprintf(buf, sizeof buf, "hex(%x):", static_cast<unsigned>(type));
    scratch_.assign(buf, static_cast<std::size_t>(n));
    line_len += static_cast<std::size_t>(n);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      scratch_.push_back(text::hex_digits[bytes[i] >> 4]);
      scratch_.push_back(text::hex_digits[bytes[i] & 15]);
      if (i + 1 == bytes.size()) break;
      scratch_.push_back(',');
      line_len += 3;
      if (line_len >= max_hex_chars) {
        scratch_ += "\\\r\n  ";
        line_len = 2;
      }
    }
    scratch_ += "\r\n";
    out_.put(scratch_);
  }

  // REGEDIT4 stores the strings of EXPAND_SZ/MULTI_SZ as 8-bit text (non-ASCII is refused).
  static std::vector<std::uint8_t> narrow(const std::vector<std::uint8_t>& utf16) {
    std::vector<std::uint8_t> out;
    out.reserve(utf16.size() / 2);
    for (std::size_t i = 0; i + 1 < utf16.size(); i += 2) {
      out.push_back(utf16[i + 1] == 0 ? utf16[i] : static_cast<std::uint8_t>('?'));
    }
    return out;
  }

  void value(const Operation& op) {
    const RegValue& v = op.value;
    const bool plain_string = v.type == RegType::sz && v.bytes.empty();
    if (plain_string && v.text.find('\0') != std::string::npos) {
      diagnostics_.error("unrepresentable-value",
                         "value '" + op.name + "' of key " + op.key +
                             " contains a NUL character, which a .reg string cannot carry",
                         {"", 0, 0, plan_.origin_of(op)}, "remove the NUL from the description");
      return;
    }
    const std::size_t line_len = value_name(op.name);
    if (plain_string) {
      out_.put('"');
      out_.put_escaped(v.text);
      out_.put("\"\r\n");
      return;
    }
    if (v.type == RegType::dword && v.bytes.empty()) {
      char buf[24];
      const int n =
          std::snprintf(buf, sizeof buf, "dword:%08x\r\n", static_cast<unsigned>(v.number));
      out_.put(std::string_view(buf, static_cast<std::size_t>(n)));
      return;
    }
    std::vector<std::uint8_t> bytes = v.raw_bytes();
    if (options_.format == RegFormat::regedit4 &&
        (v.type == RegType::expand_sz || v.type == RegType::multi_sz)) {
      if (!v.text.empty() || !v.strings.empty())
        out_.note_text(v.type == RegType::expand_sz ? v.text : "");
      for (const auto& item : v.strings) out_.note_text(item);
      bytes = narrow(bytes);
    }
    hex(v.type, line_len, bytes);
  }

  void install() {
    for (const auto& op : plan_.ops) {
      if (op.kind == OpKind::create_key) {
        section(op.key);
      } else {
        value(op);
      }
      out_.flush();
    }
  }

  // Owned trees go whole. Shared keys (a type library's LIBID key, a component category) may
  // hold other products' entries, and a shareable tree (an AppID, an interface…) may be another
  // product's too: a .reg file cannot count them, so only the values this plan set are
  // removed, and the key stays (said in a comment, which regedit and `reg import` skip).
  void uninstall() {
    const auto keys = plan_keys(plan_);
    for (const auto& k : keys) {
      if (k.deletes_tree()) section(k.key->key, /*remove=*/true);
      out_.flush();
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const PlanKey& k = keys[i];
      if (k.shareable_tree == i) {
        // No line end: the next section, comment or the file's end starts with one.
        out_.put("\r\n; kept: another product may register " +
                 physical_key(k.key->key, plan_.options.view) +
                 " too (\"exclusive\" in the description deletes it)");
      }
      if (!k.removes_values_only() || k.values.empty()) continue;
      section(k.key->key);
      for (const Operation* v : k.values) {
        value_name(v->name);
        out_.put("-\r\n");
      }
      out_.flush();
    }
  }

  const Plan& plan_;
  const RegWriteOptions& options_;
  Diagnostics& diagnostics_;
  std::string root_;
  TextSink out_;
  std::string scratch_;
};

}  // namespace

RegWriteResult write_reg(const Plan& plan, const RegWriteOptions& options) {
  RegWriteResult result;
  Writer writer(plan, options, result.diagnostics, nullptr);
  std::string bytes = writer.run();
  if (!result.diagnostics.has_errors()) result.bytes = std::move(bytes);
  return result;
}

Diagnostics write_reg(const Plan& plan, const RegWriteOptions& options, ByteSink& out) {
  Diagnostics diagnostics;
  Writer writer(plan, options, diagnostics, &out);
  writer.run();
  return diagnostics;
}

}  // namespace comreg
