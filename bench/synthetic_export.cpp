#include "synthetic_export.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "comreg/verify/verify.hpp"

namespace comreg::bench {
namespace {

std::string fold(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Repeatable pseudo-random GUIDs for the filler (the plan's are "5EED…").
class GuidSource {
 public:
  std::string next() {
    const std::uint64_t a = step(), b = step();
    char buf[40];
    std::snprintf(buf, sizeof buf, "{%08X-%04X-%04X-%04X-%012llX}", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>(a >> 16 & 0xFFFF), static_cast<unsigned>(a & 0xFFFF),
                  static_cast<unsigned>(b >> 48),
                  static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFull));
    return buf;
  }

 private:
  std::uint64_t step() {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return state_ ^ (state_ >> 29);
  }
  std::uint64_t state_ = 0x0123456789ABCDEFull;
};

// The text of the export in ASCII, written out as UTF-16LE in large blocks.
class Utf16File {
 public:
  explicit Utf16File(std::FILE* f) : f_(f) { text_.reserve(block * 2); }
  ~Utf16File() { flush(); }
  std::string& text() { return text_; }
  void maybe_flush() {
    if (text_.size() >= block) flush();
  }
  void flush() {
    wide_.resize(text_.size() * 2);
    for (std::size_t i = 0; i < text_.size(); ++i) {
      wide_[2 * i] = text_[i];
      wide_[2 * i + 1] = '\0';
    }
    ok_ = ok_ && std::fwrite(wide_.data(), 1, wide_.size(), f_) == wide_.size();
    bytes_ += wide_.size();
    text_.clear();
  }
  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] std::size_t bytes() const { return bytes_; }

 private:
  static constexpr std::size_t block = std::size_t{1} << 20;
  std::FILE* f_;
  std::string text_;
  std::string wide_;
  bool ok_ = true;
  std::size_t bytes_ = 0;
};

void escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    out.push_back(c);
  }
}

// A value as regedit exports it (strings, dword:, hex with its line wrapping).
void value(std::string& out, std::string_view name, const RegValue& v) {
  std::size_t start = out.size();
  if (name.empty()) {
    out += "@=";
  } else {
    out += '"';
    escaped(out, name);
    out += "\"=";
  }
  if (v.type == RegType::sz && v.bytes.empty()) {
    out += '"';
    escaped(out, v.text);
    out += "\"\r\n";
    return;
  }
  char buf[24];
  if (v.type == RegType::dword && v.bytes.empty()) {
    std::snprintf(buf, sizeof buf, "dword:%08x\r\n", static_cast<unsigned>(v.number));
    out += buf;
    return;
  }
  if (v.type == RegType::binary) {
    out += "hex:";
  } else {
    std::snprintf(buf, sizeof buf, "hex(%x):", static_cast<unsigned>(v.type));
    out += buf;
  }
  std::size_t line = out.size() - start;
  const auto raw = v.raw_bytes();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%02x", raw[i]);
    out += buf;
    if (i + 1 == raw.size()) break;
    out += ',';
    line += 3;
    if (line >= 77) {
      out += "\\\r\n  ";
      line = 2;
    }
  }
  out += "\r\n";
}

void key(std::string& out, std::string_view path) {
  out += "\r\n[HKEY_CLASSES_ROOT\\";
  out += path;
  out += "]\r\n";
}

enum class Kind : std::uint8_t { plan, cls, progid, iface, ext, typelib, appid };

struct Subject {
  std::string first;  // folded first component, the registry's sort order
  std::string rest;   // folded remainder
  Kind kind;
  std::size_t index;
  std::string name;  // as spelled (root key path below HKCR)
};

}  // namespace

bool write_synthetic_export(const Plan& plan, const ExportShape& shape, const std::string& path,
                            ExportStats& stats) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const std::string root = classes_root(plan.options.scope) + "\\";

  // The plan's subjects, with their operations in plan order.
  std::vector<Subject> subjects;
  std::unordered_map<std::string, std::size_t> plan_subject;
  std::vector<std::vector<const Operation*>> plan_ops;
  const auto roots = verified_roots(plan);
  for (const auto& r : roots) {
    const std::string below = r.substr(root.size());
    plan_subject.emplace(fold(below), plan_ops.size());
    plan_ops.emplace_back();
  }
  for (const auto& op : plan.ops) {
    const std::string phys = fold(physical_key(op.key, plan.options.view));
    // The longest subject root that is a prefix of the key.
    std::size_t end = phys.size();
    for (;;) {
      const auto it = plan_subject.find(phys.substr(0, end));
      if (it != plan_subject.end()) {
        plan_ops[it->second].push_back(&op);
        break;
      }
      end = phys.rfind('\\', end - 1);
      if (end == std::string::npos) break;
    }
  }
  auto add = [&subjects](std::string name, Kind kind, std::size_t index) {
    const std::string folded = fold(name);
    const std::size_t sep = folded.find('\\');
    subjects.push_back({folded.substr(0, sep),
                        sep == std::string::npos ? std::string() : folded.substr(sep + 1), kind,
                        index, std::move(name)});
  };
  for (std::size_t i = 0; i < roots.size(); ++i) add(roots[i].substr(root.size()), Kind::plan, i);

  GuidSource guids;
  std::vector<std::string> class_guids(shape.classes), iface_guids(shape.interfaces),
      lib_guids(shape.typelibs), app_guids(shape.appids);
  for (std::size_t i = 0; i < shape.classes; ++i)
    add("CLSID\\" + (class_guids[i] = guids.next()), Kind::cls, i);
  for (std::size_t i = 0; i < shape.interfaces; ++i)
    add("Interface\\" + (iface_guids[i] = guids.next()), Kind::iface, i);
  for (std::size_t i = 0; i < shape.typelibs; ++i)
    add("TypeLib\\" + (lib_guids[i] = guids.next()), Kind::typelib, i);
  for (std::size_t i = 0; i < shape.appids; ++i)
    add("AppID\\" + (app_guids[i] = guids.next()), Kind::appid, i);
  for (std::size_t i = 0; i < shape.progids; ++i) {
    add("Filler.Document" + std::to_string(i), Kind::progid, 2 * i);
    add("Filler.Document" + std::to_string(i) + ".1", Kind::progid, 2 * i + 1);
  }
  for (std::size_t i = 0; i < shape.extensions; ++i) add(".fx" + std::to_string(i), Kind::ext, i);
  std::sort(subjects.begin(), subjects.end(), [](const Subject& a, const Subject& b) {
    return a.first != b.first ? a.first < b.first : a.rest < b.rest;
  });

  Utf16File out(f);
  std::string& t = out.text();
  std::fwrite("\xFF\xFE", 1, 2, f);  // the BOM, the only bytes that are not widened text
  t += "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CLASSES_ROOT]\r\n";
  std::size_t keys = 1;
  std::string group;
  auto sz = [](std::string s) { return RegValue::sz(std::move(s)); };
  for (const auto& s : subjects) {
    if (!s.rest.empty() && s.first != group) {
      key(t, s.name.substr(0, s.name.find('\\')));
      ++keys;
    }
    group = s.first;
    const std::string& n = s.name;
    const std::string i = std::to_string(s.index);
    switch (s.kind) {
      case Kind::plan:
        for (const Operation* op : plan_ops[s.index]) {
          if (op->kind == OpKind::create_key) {
            key(t, physical_key(op->key, plan.options.view));
            ++keys;
          } else {
            value(t, op->name, op->value);
          }
        }
        break;
      case Kind::cls: {
        const std::string progid =
            "Filler.Document" + std::to_string(s.index % (shape.progids + 1));
        key(t, n);
        value(t, "", sz("Filler Component Class " + i));
        key(t, n + "\\Implemented Categories");
        key(t, n + "\\Implemented Categories\\{7DD95801-9882-11CF-9FA9-00AA006C42C4}");
        key(t, n + "\\InprocServer32");
        value(t, "", sz("C:\\Program Files\\Filler Suite\\Components\\filler" + i + ".dll"));
        value(t, "ThreadingModel", sz(s.index % 3 ? "Apartment" : "Both"));
        key(t, n + "\\ProgID");
        value(t, "", sz(progid + ".1"));
        key(t, n + "\\VersionIndependentProgID");
        value(t, "", sz(progid));
        keys += 6;
        break;
      }
      case Kind::progid: {
        const bool versioned = s.index % 2 == 1;
        const std::size_t p = s.index / 2;
        const std::string clsid = shape.classes ? class_guids[p % shape.classes] : "{}";
        key(t, n);
        value(t, "", sz("Filler Document " + std::to_string(p)));
        key(t, n + "\\CLSID");
        value(t, "", sz(clsid));
        if (!versioned) {
          key(t, n + "\\CurVer");
          value(t, "", sz(n + ".1"));
          keys += 3;
          break;
        }
        key(t, n + "\\shell");
        key(t, n + "\\shell\\open");
        key(t, n + "\\shell\\open\\command");
        value(t, "", sz("\"C:\\Program Files\\Filler Suite\\filler.exe\" /document \"%1\""));
        keys += 5;
        break;
      }
      case Kind::iface:
        key(t, n);
        value(t, "", sz("IFillerInterface" + i));
        key(t, n + "\\NumMethods");
        value(t, "", sz(std::to_string(7 + s.index % 20)));
        key(t, n + "\\ProxyStubClsid32");
        value(t, "", sz("{00020424-0000-0000-C000-000000000046}"));
        key(t, n + "\\TypeLib");
        value(t, "", sz(shape.typelibs ? lib_guids[s.index % shape.typelibs] : "{}"));
        value(t, "Version", sz("1.0"));
        keys += 4;
        break;
      case Kind::ext:
        key(t, n);
        value(t, "", sz("Filler.Document" + std::to_string(s.index % (shape.progids + 1))));
        value(t, "Content Type", sz("application/x-filler-" + i));
        value(t, "PerceivedType", sz("document"));
        key(t, n + "\\OpenWithProgids");
        value(t, "Filler.Document" + i + ".1", RegValue::from_raw(RegType::none, {}));
        key(t, n + "\\ShellNew");
        value(t, "NullFile", sz(""));
        keys += 3;
        break;
      case Kind::typelib: {
        const std::string file =
            "C:\\Program Files\\Filler Suite\\Type Libraries\\lib" + i + ".tlb";
        key(t, n);
        key(t, n + "\\1.0");
        value(t, "", sz("Filler Type Library " + i));
        key(t, n + "\\1.0\\0");
        key(t, n + "\\1.0\\0\\win32");
        value(t, "", sz(file));
        key(t, n + "\\1.0\\0\\win64");
        value(t, "", sz(file));
        key(t, n + "\\1.0\\FLAGS");
        value(t, "", sz("0"));
        key(t, n + "\\1.0\\HELPDIR");
        value(t, "", sz("C:\\Program Files\\Filler Suite\\Help"));
        keys += 7;
        break;
      }
      case Kind::appid:
        key(t, n);
        value(t, "", sz("Filler Application " + i));
        value(t, "DllSurrogate", sz(""));
        value(t, "AuthenticationLevel", RegValue::dword(2));
        keys += 1;
        break;
    }
    out.maybe_flush();
  }
  t += "\r\n";
  out.flush();
  const bool ok = out.ok();
  stats.keys = keys;
  stats.bytes = out.bytes() + 2;
  return std::fclose(f) == 0 && ok;
}

}  // namespace comreg::bench
