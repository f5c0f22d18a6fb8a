// check_server_binary / check_binaries: a description's servers against their PE files.
#include "comreg/check/binary_check.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "comreg/core/file_path.hpp"
#include "comreg/core/guid.hpp"
#include "comreg/readers/manifest_reader.hpp"
#include "comreg/readers/pe_reader.hpp"
#include "core/ascii.hpp"

namespace comreg {
namespace {

namespace fs = std::filesystem;

std::uint16_t machine_of(Arch a) {
  switch (a) {
    case Arch::x86:
      return pe_machine_i386;
    case Arch::amd64:
      return pe_machine_amd64;
    case Arch::arm64:
      return pe_machine_arm64;
  }
  return 0;
}

bool needs_dll(ServerKind k) {
  return k == ServerKind::inproc || k == ServerKind::surrogate || k == ServerKind::handler;
}

class ServerChecker {
 public:
  ServerChecker(const Description& d, const Server& s, const std::string& binary, View view,
                Diagnostics& out)
      : d_(d), s_(s), binary_(binary), view_(view), out_(out) {}

  void run(std::string_view bytes) {
    const PeReadResult pe = read_pe(bytes);
    if (!pe.ok()) {
      error("binary-not-pe",
            binary_ + " is not a readable PE file: " + pe.error->message + " [" +
                to_string(pe.error->code) + "]",
            "point --binaries at the folder of the built binaries");
      return;
    }
    const PeImage& image = *pe.image;
    architecture(image);
    kind(image);
    if (needs_dll(s_.kind) && image.is_dll()) exports(image);
    for (const PeResource* m : image.manifests()) manifest(*m);
  }

 private:
  SourceLocation where() const { return {d_.file, s_.at.line, s_.at.column, s_.at.pointer}; }
  void error(std::string code, std::string message, std::string hint) {
    out_.error(std::move(code), std::move(message), where(), std::move(hint));
  }
  std::string server_name() const { return std::string(to_string(s_.kind)) + " server " + binary_; }

  void architecture(const PeImage& image) {
    const std::string found = pe_machine_name(image.machine);
    if (image.machine != machine_of(s_.arch)) {
      error("binary-arch-mismatch",
            server_name() + " is " + found + ", but the description says arch '" +
                to_string(s_.arch) + "'",
            "build the binary for " + std::string(to_string(s_.arch)) +
                ", or correct the server's arch");
    }
    const bool wide = image.machine != pe_machine_i386;
    const bool view32 = view_ == View::v32;
    if (wide == view32) {
      const std::string message = server_name() + " is " + found +
                                  ", but it is registered in the " + (view32 ? "32" : "64") +
                                  "-bit registry view";
      if (needs_dll(s_.kind)) {
        error("binary-view-mismatch",
              message + ": a " + found + " process cannot load it from there",
              std::string("register it with --view ") + (wide ? "64" : "32"));
      } else {
        out_.note("binary-view-mismatch",
                  message + "; out-of-process activation crosses bitness, so this works", where());
      }
    }
  }

  void kind(const PeImage& image) {
    if (s_.kind == ServerKind::local && image.is_dll()) {
      error("binary-not-exe", server_name() + " is a DLL; a local server must be an EXE",
            "declare it as kind 'inproc' (or 'surrogate'), or point path at the server's EXE");
    }
    if (needs_dll(s_.kind) && !image.is_dll()) {
      error("binary-not-dll",
            server_name() + " is an EXE; a" +
                (s_.kind == ServerKind::inproc ? "n in-process"
                                               : " " + std::string(to_string(s_.kind))) +
                " server must be a DLL",
            "declare it as kind 'local', or point path at the server's DLL");
    }
  }

  void exports(const PeImage& image) {
    for (const char* required : {"DllGetClassObject", "DllCanUnloadNow"}) {
      if (image.find_export(required) == nullptr) {
        error("binary-missing-export",
              server_name() + " does not export " + required + ", which COM calls on every " +
                  "in-process server",
              std::string("export ") + required +
                  " (a .def file's EXPORTS, or __declspec(dllexport))");
      }
    }
    std::string self;
    for (const char* optional : {"DllRegisterServer", "DllUnregisterServer"}) {
      self += std::string(self.empty() ? "" : ", ") + optional +
              (image.find_export(optional) ? " present" : " absent");
    }
    out_.note("binary-self-registration",
              server_name() + ": " + self +
                  " (comreg registers it from the description; regsvr32 needs them)",
              where());
  }

  void manifest(const PeResource& r) {
    const std::string name = binary_ + ":RT_MANIFEST/" + r.name.to_string();
    const std::string_view text(reinterpret_cast<const char*>(r.data.data()), r.data.size());
    const ManifestReadResult m = read_manifest(text, name);
    if (!m.manifest) {
      for (const auto& diag : m.diagnostics) {
        error("binary-manifest-invalid",
              "the manifest embedded in " + binary_ + " is invalid: " + name + ":" +
                  std::to_string(diag.location.line) + ":" + std::to_string(diag.location.column) +
                  ": " + diag.message + " [" + diag.code + "]",
              "Windows refuses to activate a binary whose embedded manifest is malformed");
      }
      return;
    }
    if (m.manifest->identity) {
      const std::string& arch = m.manifest->identity->processor_architecture;
      if (!arch.empty() && arch != "*" && !text::iequals(arch, to_string(s_.arch))) {
        error("binary-manifest-contradicts",
              name + ":" + std::to_string(m.manifest->identity->at.line) +
                  ": assemblyIdentity processorArchitecture '" + arch +
                  "', but the server's arch is '" + to_string(s_.arch) + "'",
              "make the embedded manifest and the description agree");
      }
    }
    for (const auto& file : m.manifest->files) {
      for (const auto& c : file.classes) com_class(name, c);
    }
  }

  void com_class(const std::string& name, const ManifestComClass& c) {
    const std::string clsid = normalize_guid(c.clsid).value_or(c.clsid);
    const std::string at = name + ":" + std::to_string(c.at.line);
    for (const auto& cls : s_.classes) {
      if (cls.clsid != clsid) continue;
      const std::string want = to_string(cls.threading);
      // A local server's classes have no threading model to agree with.
      if (s_.kind != ServerKind::local && c.threading_model != want) {
        error("binary-manifest-contradicts",
              at + ": comClass " + clsid + " has threadingModel '" + c.threading_model +
                  "', but the description says '" + want + "'",
              "make the embedded manifest and the description agree");
      }
      if (!c.progid.empty() && !text::iequals(c.progid, cls.progid)) {
        error("binary-manifest-contradicts",
              at + ": comClass " + clsid + " has progid '" + c.progid +
                  "', but the description says '" + cls.progid + "'",
              "make the embedded manifest and the description agree");
      }
      return;
    }
    for (const auto& other : d_.servers) {
      for (const auto& cls : other.classes) {
        if (cls.clsid == clsid) {
          error("binary-manifest-contradicts",
                at + ": comClass " + clsid + " is served by " + other.path +
                    " in the description, not by " + binary_,
                "make the embedded manifest and the description agree");
          return;
        }
      }
    }
    out_.warning("binary-manifest-extra-class",
                 at + ": comClass " + clsid + " is not in the description", where(),
                 "add the class to the description, or remove it from the embedded manifest");
  }

  const Description& d_;
  const Server& s_;
  const std::string& binary_;
  View view_;
  Diagnostics& out_;
};

bool is_root_component(std::string_view c) {
  return (c.size() == 2 && c[1] == ':') || (c.rfind("${", 0) == 0 && c.back() == '}') ||
         (c.size() >= 2 && c.front() == '%' && c.back() == '%');
}

// The entry of `dir` named `name` without regard to case, as Windows looks names up.
std::optional<fs::path> find_entry(const fs::path& dir, const std::string& name) {
  std::error_code ec;
  if (fs::exists(dir / files::path_from_utf8(name), ec)) return dir / files::path_from_utf8(name);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (text::iequals(files::utf8_of(it->path().filename()), name)) return it->path();
  }
  return std::nullopt;
}

std::optional<fs::path> find_binary(const fs::path& dir, const std::string& relative) {
  fs::path at = dir;
  std::size_t start = 0;
  while (start <= relative.size()) {
    const std::size_t slash = relative.find('/', start);
    const std::string part =
        relative.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    const auto next = find_entry(at, part);
    if (!next) return std::nullopt;
    at = *next;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::error_code ec;
  if (!fs::is_regular_file(at, ec)) return std::nullopt;
  return at;
}

}  // namespace

std::vector<std::string> binary_candidates(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t sep = path.find_first_of("\\/", start);
    const std::string_view part =
        path.substr(start, sep == std::string_view::npos ? std::string_view::npos : sep - start);
    if (!part.empty() && part != ".") parts.emplace_back(part);
    if (sep == std::string_view::npos) break;
    start = sep + 1;
  }
  std::size_t first = 0;
  while (first < parts.size() && is_root_component(parts[first])) ++first;
  std::vector<std::string> out;
  for (std::size_t i = first; i < parts.size(); ++i) {
    std::string relative;
    for (std::size_t j = i; j < parts.size(); ++j) relative += (j == i ? "" : "/") + parts[j];
    out.push_back(std::move(relative));
  }
  return out;
}

void check_server_binary(const Description& description, const Server& server,
                         std::string_view bytes, const std::string& binary_name, View view,
                         Diagnostics& out) {
  ServerChecker(description, server, binary_name, view, out).run(bytes);
}

BinaryCheckReport check_binaries(const Description& d, const std::string& dir, View view) {
  BinaryCheckReport report;
  std::error_code ec;
  if (!fs::is_directory(files::path_from_utf8(dir), ec)) {
    report.io_error = "cannot read the folder '" + dir + "'" + (ec ? ": " + ec.message() : "");
    return report;
  }
  for (const auto& s : d.servers) {
    const SourceLocation where{d.file, s.at.line, s.at.column, s.at.pointer};
    if (s.kind == ServerKind::remote) {
      report.diagnostics.note(
          "binary-remote", "remote server: its binary runs on another machine; not checked", where);
      continue;
    }
    std::optional<fs::path> found;
    std::string relative;
    for (const auto& candidate : binary_candidates(s.path)) {
      found = find_binary(files::path_from_utf8(dir), candidate);
      if (found) {
        relative = candidate;
        break;
      }
    }
    if (!found) {
      report.diagnostics.error(
          "binary-missing", "no binary for '" + s.path + "' in '" + dir + "'", where,
          "looked for the path's trailing parts under the folder, down to the file name alone");
      continue;
    }
    std::ifstream in(*found, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
      report.diagnostics.error("binary-unreadable", "cannot read '" + files::utf8_of(*found) + "'",
                               where);
      continue;
    }
    ++report.binaries_checked;
    check_server_binary(d, s, bytes, relative, view, report.diagnostics);
  }
  return report;
}

}  // namespace comreg
