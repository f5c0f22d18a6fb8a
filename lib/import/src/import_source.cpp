// Telling import sources apart by content, and finding the scripts inside binaries.
#include <iterator>
#include <set>

#include "comreg/import/import_source.hpp"
#include "core/ascii.hpp"

namespace comreg {
namespace {

constexpr std::string_view kind_names[] = {"reg",      "hive",    "rgs",    "manifest",
                                           "clsidmap", "comhost", "typelib"};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// The text's first characters as ASCII: UTF-16 (by BOM) narrowed, a UTF-8 BOM and leading
// white space dropped. Enough to tell the text formats apart.
std::string text_start(std::string_view bytes) {
  std::string out;
  if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
    const std::size_t lo = starts_with(bytes, "\xFF\xFE") ? 0 : 1;
    for (std::size_t i = 2; i + 1 < bytes.size() && out.size() < 64; i += 2) {
      if (bytes[i + 1 - lo] != 0) break;
      out.push_back(bytes[i + lo]);
    }
  } else {
    if (starts_with(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
    out = std::string(bytes.substr(0, 4096));
  }
  const std::size_t first = out.find_first_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : out.substr(first, 64);
}

}  // namespace

std::string_view to_string(ImportSourceKind kind) {
  return kind_names[static_cast<std::size_t>(kind)];
}

std::optional<ImportSourceKind> parse_import_source_kind(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kind_names); ++i) {
    if (name == kind_names[i]) return static_cast<ImportSourceKind>(i);
  }
  return std::nullopt;
}

ImportSourceKind detect_import_source_kind(std::string_view bytes) {
  if (starts_with(bytes, "regf")) return ImportSourceKind::hive;
  if (starts_with(bytes, "MSFT") || starts_with(bytes, "SLTG")) return ImportSourceKind::typelib;
  if (starts_with(bytes, "MZ")) {
    const PeReadResult pe = read_pe(bytes);
    if (pe.ok() && clsid_map_resource(*pe.image) != nullptr) return ImportSourceKind::comhost;
    if (pe.ok() && !registry_scripts(*pe.image).empty()) return ImportSourceKind::rgs;
    return ImportSourceKind::typelib;
  }
  const std::string start = text_start(bytes);
  if (starts_with(start, "Windows Registry Editor") || starts_with(start, "REGEDIT")) {
    return ImportSourceKind::reg;
  }
  if (starts_with(start, "<")) return ImportSourceKind::manifest;
  if (starts_with(start, "{")) return ImportSourceKind::clsidmap;
  return ImportSourceKind::rgs;
}

const PeResource* clsid_map_resource(const PeImage& image) {
  for (const PeResource* r : image.resources_of_type(pe_rt_clsidmap)) {
    if (!r->name.is_name && r->name.id == pe_clsidmap_id) return r;
  }
  return nullptr;
}

std::vector<RegistryScript> registry_scripts(const PeImage& image) {
  std::vector<RegistryScript> scripts;
  std::set<std::string> seen;
  for (const PeResource* r : image.resources_of_type(std::string_view("REGISTRY"))) {
    std::string name = r->name.to_string();
    if (!seen.insert(text::fold_case(name)).second) continue;
    scripts.push_back(
        {std::move(name),
         std::string_view(reinterpret_cast<const char*>(r->data.data()), r->data.size())});
  }
  return scripts;
}

}  // namespace comreg
