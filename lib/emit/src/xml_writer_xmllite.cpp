// comreg::xml::DocumentWriter with the platform's XmlLite (Windows builds: Debian ships no
// Windows tinyxml2). mingw-w64 has the header but no import library, so the one entry point
// is looked up in xmllite.dll at run time; Windows and Wine both provide the DLL.
#include <objidl.h>
#include <windows.h>
#include <xmllite.h>

#include <stdexcept>

#include "core/utf.hpp"
#include "emit/xml_tree.hpp"

namespace comreg::xml {
namespace {

// {7279FC88-709D-4095-B63D-69FE4B0D9030}, as xmllite.h declares it (no import library).
constexpr GUID iid_xml_writer = {
    0x7279fc88, 0x709d, 0x4095, {0xb6, 0x3d, 0x69, 0xfe, 0x4b, 0x0d, 0x90, 0x30}};

std::wstring wide(std::string_view s) {
  const std::u16string u = text::to_utf16(s);
  return std::wstring(u.begin(), u.end());
}

template <typename T>
class ComPtr {
 public:
  ComPtr() = default;
  ComPtr(const ComPtr&) = delete;
  ComPtr& operator=(const ComPtr&) = delete;
  ~ComPtr() {
    if (p_ != nullptr) p_->Release();
  }
  T* operator->() const { return p_; }
  T* get() const { return p_; }
  T** put() { return &p_; }

 private:
  T* p_ = nullptr;
};

void check(HRESULT hr, const char* what) {
  if (FAILED(hr)) {
    throw std::runtime_error(std::string("XmlLite: ") + what + " failed (HRESULT 0x" +
                             std::to_string(static_cast<unsigned long>(hr)) + ")");
  }
}

}  // namespace

struct DocumentWriter::Impl {
  ComPtr<IXmlWriter> writer;
  ComPtr<IStream> stream;
};

DocumentWriter::DocumentWriter() : impl_(std::make_unique<Impl>()) {
  using CreateXmlWriterFn = HRESULT(WINAPI*)(REFIID, void**, IMalloc*);
  HMODULE module = LoadLibraryW(L"xmllite.dll");
  if (module == nullptr) throw std::runtime_error("XmlLite (xmllite.dll) is not available");
  const auto create = reinterpret_cast<CreateXmlWriterFn>(
      reinterpret_cast<void*>(GetProcAddress(module, "CreateXmlWriter")));
  if (create == nullptr) throw std::runtime_error("xmllite.dll has no CreateXmlWriter");

  check(create(iid_xml_writer, reinterpret_cast<void**>(impl_->writer.put()), nullptr),
        "CreateXmlWriter");
  IXmlWriter* const writer = impl_->writer.get();
  check(CreateStreamOnHGlobal(nullptr, TRUE, impl_->stream.put()), "CreateStreamOnHGlobal");
  check(writer->SetOutput(impl_->stream.get()), "SetOutput");
  check(writer->SetProperty(XmlWriterProperty_Indent, TRUE), "SetProperty");
  check(writer->WriteStartDocument(XmlStandalone_Yes), "WriteStartDocument");
}

DocumentWriter::~DocumentWriter() = default;

void DocumentWriter::reserve(std::size_t) {}  // the stream grows as XmlLite writes

void DocumentWriter::start(const std::string& name) {
  check(impl_->writer->WriteStartElement(nullptr, wide(name).c_str(), nullptr),
        "WriteStartElement");
}

void DocumentWriter::attr(const std::string& key, const std::string& value) {
  check(
      impl_->writer->WriteAttributeString(nullptr, wide(key).c_str(), nullptr, wide(value).c_str()),
      "WriteAttributeString");
}

void DocumentWriter::text(const std::string& text) {
  if (text.empty()) return;  // an element without content, as in a tree
  check(impl_->writer->WriteString(wide(text).c_str()), "WriteString");
}

void DocumentWriter::end() {
  check(impl_->writer->WriteEndElement(), "WriteEndElement");
}

std::string DocumentWriter::finish() {
  IXmlWriter* writer = impl_->writer.get();
  check(writer->WriteEndDocument(), "WriteEndDocument");
  check(writer->Flush(), "Flush");

  HGLOBAL memory = nullptr;
  check(GetHGlobalFromStream(impl_->stream.get(), &memory), "GetHGlobalFromStream");
  STATSTG stat{};
  check(impl_->stream->Stat(&stat, STATFLAG_NONAME), "Stat");
  const auto* bytes = static_cast<const char*>(GlobalLock(memory));
  std::string raw(bytes, static_cast<std::size_t>(stat.cbSize.QuadPart));
  GlobalUnlock(memory);

  // Same text as the other platforms: no byte order mark, LF line ends, final newline.
  if (raw.rfind("\xEF\xBB\xBF", 0) == 0) raw.erase(0, 3);
  std::string out;
  out.reserve(raw.size() + 1);
  for (char c : raw) {
    if (c != '\r') out.push_back(c);
  }
  if (out.empty() || out.back() != '\n') out.push_back('\n');
  return out;
}

}  // namespace comreg::xml
