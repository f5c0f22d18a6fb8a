// libFuzzer target: the .reg reader on arbitrary bytes, unfiltered and filtered.
// Properties: nothing crashes; a refused file says so with an error and changes nothing; a file
// read whole reads the same kept trees through the filter (which decides most lines on their
// raw bytes and refuses whole subtrees unread: it must never lose or add a kept key or value).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "fuzz_check.hpp"

namespace {

// The tree at `key` as text: values with their types and data, then subkeys, recursively.
void tree_text(const comreg::MemoryBackend& registry, const std::string& key, std::string& out) {
  const auto contents = registry.read_key(key);
  if (!contents) return;
  out += "[" + key + "]\n";
  for (const auto& [name, value] : contents->values) {
    out += "\"" + name + "\" " + comreg::reg_type_name(value.type) + " " + value.display() + "\n";
  }
  for (const auto& sub : contents->subkeys) tree_text(registry, key + "\\" + sub, out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::vector<std::pair<std::string, std::string>> aliases = {
      {"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER\\Software\\Classes"}};
  comreg::MemoryBackend empty;
  comreg::MemoryBackend whole;
  bool whole_ok = false;
  {
    comreg::Diagnostics diagnostics;
    comreg::RegReadOptions options;
    options.file_name = "fuzz.reg";
    const bool ok = comreg::read_reg(bytes, options, whole, diagnostics);
    COMREG_FUZZ_CHECK(ok != diagnostics.has_errors());
    if (!ok) COMREG_FUZZ_CHECK(whole == empty);
    (void)whole.dump();
  }
  {
    comreg::Diagnostics diagnostics;
    comreg::RegReadOptions options;
    options.root_aliases = aliases;
    whole = comreg::MemoryBackend();
    whole_ok = comreg::read_reg(bytes, options, whole, diagnostics);
  }
  // Trees at several depths, one (CLSID) above others, and the whole classes key (kept through
  // the alias as the root HKEY_CLASSES_ROOT itself): a key line is kept, above a kept key, or
  // neither.
  const std::string classes = "HKEY_CURRENT_USER\\Software\\Classes";
  const std::vector<std::vector<std::string>> filters = {
      {classes + "\\CLSID", classes + "\\CLSID\\{A}", classes + "\\Widget.1\\CLSID",
       "HKEY_LOCAL_MACHINE\\Software\\Classes\\Interface\\{B}\\ProxyStubClsid32"},
      {classes + "\\CLSID\\{A}", classes + "\\Widget.1\\CLSID"},
      {classes, "HKEY_LOCAL_MACHINE\\Software\\Classes\\Interface\\{B}"}};
  for (const auto& only_under : filters) {
    comreg::MemoryBackend registry;
    comreg::Diagnostics diagnostics;
    comreg::RegReadOptions options;
    options.only_under = only_under;
    options.root_aliases = aliases;
    const bool ok = comreg::read_reg(bytes, options, registry, diagnostics);
    if (!ok) COMREG_FUZZ_CHECK(registry == empty);
    if (!whole_ok) continue;
    COMREG_FUZZ_CHECK(ok);  // what the whole file passes, any part of it passes
    for (const auto& path : only_under) {
      std::string filtered;
      std::string unfiltered;
      tree_text(registry, path, filtered);
      tree_text(whole, path, unfiltered);
      COMREG_FUZZ_CHECK(filtered == unfiltered);
    }
  }
  return 0;
}
