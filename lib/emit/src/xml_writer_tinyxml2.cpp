// comreg::xml::DocumentWriter with tinyxml2 (the Linux build; Windows uses XmlLite).
#include <tinyxml2.h>

#include <cstdarg>
#include <cstdio>
#include <deque>
#include <string>

#include "emit/xml_tree.hpp"

namespace comreg::xml {
namespace {

// tinyxml2's own printer, with its text kept in a std::string (the result, so nothing is copied
// at the end) and two-space indentation (tinyxml2 indents with four; manifests conventionally
// use two, like mt.exe's output). Escaping and layout stay tinyxml2's.
class StringPrinter final : public tinyxml2::XMLPrinter {
 public:
  std::string out;

  // An attribute as PushAttribute writes it (all five entities escaped, so output stays
  // tinyxml2's), but TAB, CR and LF as character references, which tinyxml2 writes as they are.
  void attribute(const std::string& name, const std::string& value) {
    out += ' ';
    out += name;
    out += "=\"";
    append_attribute_value(out, value, Apostrophe::escaped);
    out += '"';
  }

 protected:
  using tinyxml2::XMLPrinter::Write;
  void PrintSpace(int depth) override { out.append(2 * static_cast<std::size_t>(depth), ' '); }
  void Write(const char* data, std::size_t size) override { out.append(data, size); }
  void Putc(char ch) override { out.push_back(ch); }
  void Print(const char* format, ...) override {
    std::va_list args;
    va_start(args, format);
    std::va_list again;
    va_copy(again, args);
    const int n = std::vsnprintf(nullptr, 0, format, args);
    va_end(args);
    if (n > 0) {
      const std::size_t at = out.size();
      out.resize(at + static_cast<std::size_t>(n) + 1);
      std::vsnprintf(out.data() + at, static_cast<std::size_t>(n) + 1, format, again);
      out.resize(at + static_cast<std::size_t>(n));
    }
    va_end(again);
  }
};

}  // namespace

struct DocumentWriter::Impl {
  StringPrinter printer;
  // The names of the open elements: the printer keeps only pointers to them, for the end tags.
  std::deque<std::string> open;
};

DocumentWriter::DocumentWriter() : impl_(std::make_unique<Impl>()) {
  impl_->printer.PushDeclaration(R"(xml version="1.0" encoding="UTF-8" standalone="yes")");
}

DocumentWriter::~DocumentWriter() = default;

void DocumentWriter::reserve(std::size_t bytes) {
  impl_->printer.out.reserve(bytes);
}

void DocumentWriter::start(const std::string& name) {
  impl_->open.push_back(name);
  impl_->printer.OpenElement(impl_->open.back().c_str());
}

void DocumentWriter::attr(const std::string& key, const std::string& value) {
  impl_->printer.attribute(key, value);
}

void DocumentWriter::text(const std::string& text) {
  if (text.empty()) return;  // an element without content, as in a tree
  impl_->printer.PushText(text.c_str());
}

void DocumentWriter::end() {
  impl_->printer.CloseElement();
  impl_->open.pop_back();
}

std::string DocumentWriter::finish() {
  return std::move(impl_->printer.out);
}

}  // namespace comreg::xml
