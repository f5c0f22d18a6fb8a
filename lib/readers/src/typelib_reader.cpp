// read_typelib(): picks the reader by the file's signature.
#include "comreg/readers/typelib_reader.hpp"

#include "comreg/readers/pe_reader.hpp"
#include "readers/msft_reader.hpp"

namespace comreg {
namespace {

bool starts_with(std::span<const std::uint8_t> bytes, const char* magic, std::size_t n) {
  if (bytes.size() < n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (bytes[i] != static_cast<std::uint8_t>(magic[i])) return false;
  }
  return true;
}

TypeLibReadResult failure(const char* code, std::string message) {
  TypeLibReadResult r;
  r.error = TypeLibError{code, std::move(message), 0};
  return r;
}

// A module's type library: its TYPELIB resource 1 (what LoadTypeLib reads for a bare module
// path), else the first one it has. Offsets in errors are file offsets of the module.
TypeLibReadResult read_module(std::span<const std::uint8_t> bytes) {
  const PeReadResult pe = read_pe(bytes);
  if (!pe.image) {
    TypeLibReadResult r;
    r.error = TypeLibError{to_string(pe.error->code), "not a readable module: " + pe.error->message,
                           pe.error->offset};
    return r;
  }
  const auto resources = pe.image->typelibs();
  if (resources.empty()) {
    return failure("typelib-no-resource", "the module has no TYPELIB resource");
  }
  const PeResource* chosen = resources.front();
  for (const PeResource* r : resources) {
    if (!r->name.is_name && r->name.id == 1) {
      chosen = r;
      break;
    }
  }
  const auto at = static_cast<std::uint64_t>(chosen->data.data() - bytes.data());
  TypeLibReadResult r = read_typelib(chosen->data);
  if (r.error) {
    r.error->message = "TYPELIB resource " + chosen->name.to_string() + ": " + r.error->message;
    r.error->offset += at;
  }
  return r;
}

}  // namespace

TypeLibReadResult read_typelib(std::span<const std::uint8_t> bytes) {
  if (starts_with(bytes, "MSFT", 4)) return typelib::read_msft(bytes);
  if (starts_with(bytes, "MZ", 2)) return read_module(bytes);
  if (starts_with(bytes, "SLTG", 4)) {
    return failure("typelib-unsupported-format",
                   "an SLTG type library (the old ICreateTypeLib format): only MSFT type "
                   "libraries (MIDL, widl, ICreateTypeLib2) are read");
  }
  if (bytes.size() < 4) {
    return failure("typelib-truncated", "file header: magic at 0x0: the file has only " +
                                            std::to_string(bytes.size()) + " bytes");
  }
  return failure("typelib-not-typelib", "not a type library: no MSFT signature at 0x0");
}

std::uint32_t TypeInfo::vtable_methods() const {
  if (kind == TypeKind::interface || (kind == TypeKind::dispatch && has(type_dual))) {
    return static_cast<std::uint32_t>(inherited_function_count) + function_count;
  }
  if (kind == TypeKind::dispatch) return 7;  // IUnknown's 3 and IDispatch's 4
  return 0;
}

std::string TypeLibInfo::helpdir() const {
  const auto slash = helpfile.find_last_of("\\/");
  return slash == std::string::npos ? std::string() : helpfile.substr(0, slash);
}

}  // namespace comreg
