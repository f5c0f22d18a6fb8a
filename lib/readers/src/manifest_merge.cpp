// merge_application_manifest: the additions are planned as byte edits of the existing text
// (insert after a sibling, replace one element or attribute value), so nothing else of the input
// changes; each inserted element is written by the manifest writer's XML writer, indented like
// its new siblings. The check after the merge re-parses the result and finds every element,
// attribute, text and comment of the input in it, and plans no further edit.
#include "comreg/readers/manifest_merge.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "comreg/plan/manifest_plan.hpp"
#include "comreg/readers/manifest_reader.hpp"
#include "core/ascii.hpp"
#include "emit/xml_tree.hpp"
#include "readers/xml_parser.hpp"

namespace comreg {
namespace {

namespace ns = manifest_namespace;
using xml::ParsedElement;

struct Edit {
  std::size_t begin;
  std::size_t end;
  std::string text;
};

std::string trimmed(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// Windows reads these values without case, and a list with or without blanks after commas.
bool same_setting(std::string_view written, std::string_view wanted) {
  std::string compact;
  for (char c : written) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') compact.push_back(c);
  }
  return text::iequals(compact, wanted);
}

const ParsedElement* child(const ParsedElement* parent, std::string_view local) {
  if (parent == nullptr) return nullptr;
  for (const auto& c : parent->children) {
    if (c.local == local) return &c;
  }
  return nullptr;
}

std::string attribute(const ParsedElement& e, std::string_view local) {
  const auto* a = e.attribute(local);
  return a == nullptr ? std::string() : a->value;
}

// Plans the edits for one document. Used twice: on the input, and on the result, where it must
// find nothing left to do.
class Planner {
 public:
  Planner(std::string_view text, const ParsedElement& root, Diagnostics& diagnostics,
          const std::string& file)
      : text_(text), root_(root), diagnostics_(diagnostics), file_(file) {
    newline_ = text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
  }

  std::vector<Edit> edits;
  std::set<std::size_t> replaced;  // span.begin of input elements whose content is replaced

  void dependency(const ManifestIdentity& wanted) {
    const ParsedElement* last = nullptr;
    for (const auto& dep : root_.children) {
      if (dep.local != "dependency" || dep.namespace_uri != ns::asm_v1) continue;
      last = &dep;
      for (const auto& dependent : dep.children) {
        const ParsedElement* id = child(&dependent, "assemblyIdentity");
        if (dependent.local != "dependentAssembly" || id == nullptr ||
            !text::iequals(attribute(*id, "name"), wanted.name)) {
          continue;
        }
        if (same_identity(*id, wanted)) return;
        warn(*id, "the dependency on " + wanted.name + " " + attribute(*id, "version") +
                      " is replaced by " + wanted.version);
        replace(*id, identity_element(wanted, dependent));
        return;
      }
    }
    xml::Element dep = in_namespace(root_, "dependency", ns::asm_v1);
    xml::Element dependent{qualified(dep, "dependentAssembly"), {}, {}, {}};
    dependent.children.push_back(identity_element(wanted, dep));
    dep.children.push_back(std::move(dependent));
    if (last != nullptr) {
      edits.push_back(
          {last->span.end, last->span.end, line_at(*last) + render(dep, indent(*last))});
    } else {
      appended_.push_back(std::move(dep));
    }
  }

  void execution_level(const std::string& level) {
    if (level.empty()) return;
    const std::vector<std::string> path{"trustInfo", "security", "requestedPrivileges",
                                        "requestedExecutionLevel"};
    const ParsedElement* at = &root_;
    std::size_t depth = 0;
    for (; depth < path.size(); ++depth) {
      const ParsedElement* next = child(at, path[depth]);
      if (next == nullptr) break;
      at = next;
    }
    if (depth == path.size()) {
      const auto* current = at->attribute("level");
      if (current != nullptr && current->value == level) return;
      if (current == nullptr) {
        warn(*at, "requestedExecutionLevel has no level; level=\"" + level + "\" is added");
        const std::size_t name_end = at->span.begin + 1 + qualified_name(*at).size();
        edits.push_back({name_end, name_end, " level=\"" + level + "\""});
      } else {
        warn(*at, "the execution level " + current->value + " is replaced by " + level);
        edits.push_back({current->value_begin, current->value_end, level});
      }
      replaced.insert(at->span.begin);
      return;
    }
    // The missing part of the chain, in the namespace of the part that exists (trustInfo is
    // asm.v2 or asm.v3 in the wild; a new one is asm.v3, as Microsoft documents).
    const std::string chain_ns = depth == 0 ? std::string(ns::asm_v3) : at->namespace_uri;
    xml::Element top = in_namespace(*at, path[depth], chain_ns);
    xml::Element* e = &top;
    for (std::size_t i = depth + 1; i < path.size(); ++i) e = &e->child(qualified(top, path[i]));
    e->attr("level", level).attr("uiAccess", "false");
    if (at == &root_) {
      appended_.push_back(std::move(top));
    } else {
      add_children(*at, {std::move(top)});
    }
  }

  void supported_os(const std::vector<std::string>& names) {
    if (names.empty()) return;
    const ParsedElement* compat = nullptr;
    for (const auto& c : root_.children) {
      if (c.local == "compatibility" && c.namespace_uri == ns::compatibility_v1) compat = &c;
    }
    const ParsedElement* app = child(compat, "application");
    std::vector<xml::Element> missing;
    for (const auto& name : names) {
      const SupportedOs* os = find_supported_os(name);
      if (os == nullptr) continue;  // reported by check_settings
      bool present = false;
      for (std::size_t i = 0; app != nullptr && i < app->children.size(); ++i) {
        const ParsedElement& c = app->children[i];
        present =
            present || (c.local == "supportedOS" && text::iequals(attribute(c, "Id"), os->id));
      }
      for (const auto& m : missing) present = present || m.attributes.front().second == os->id;
      if (present) continue;
      xml::Element e{
          app == nullptr ? "supportedOS" : qualified_in(*app, "supportedOS"), {}, {}, {}};
      e.attr("Id", os->id);
      missing.push_back(std::move(e));
    }
    if (missing.empty()) return;
    if (app != nullptr) return add_children(*app, std::move(missing));
    xml::Element application = compat == nullptr
                                   ? xml::Element{"application", {}, {}, {}}
                                   : xml::Element{qualified_in(*compat, "application"), {}, {}, {}};
    application.children = std::move(missing);
    if (compat != nullptr) return add_children(*compat, {std::move(application)});
    xml::Element top{"compatibility", {{"xmlns", ns::compatibility_v1}}, {}, {}};
    top.children.push_back(std::move(application));
    appended_.push_back(std::move(top));
  }

  void windows_settings(const ApplicationSettings& s) {
    struct Wanted {
      const char* local;
      const char* ns;
      std::string value;
    };
    std::vector<Wanted> wanted;
    if (const auto dpi = dpi_values(s.dpi_awareness)) {
      wanted.push_back({"dpiAware", ns::windows_settings_2005, dpi->dpi_aware});
      wanted.push_back({"dpiAwareness", ns::windows_settings_2016, dpi->dpi_awareness});
    }
    if (s.long_path_aware) wanted.push_back({"longPathAware", ns::windows_settings_2016, "true"});
    if (wanted.empty()) return;
    const ParsedElement* app = nullptr;
    for (const auto& c : root_.children) {
      if (c.local == "application" && c.namespace_uri != ns::compatibility_v1) app = &c;
    }
    const ParsedElement* settings = child(app, "windowsSettings");
    std::vector<xml::Element> missing;
    for (const auto& w : wanted) {
      xml::Element e{w.local, {{"xmlns", w.ns}}, w.value, {}};
      const ParsedElement* current = child(settings, w.local);
      if (current == nullptr) {
        missing.push_back(std::move(e));
      } else if (!same_setting(current->text, w.value)) {
        warn(*current,
             std::string(w.local) + " " + trimmed(current->text) + " is replaced by " + w.value);
        replace(*current, std::move(e));
      }
    }
    if (missing.empty()) return;
    if (settings != nullptr) return add_children(*settings, std::move(missing));
    xml::Element block = app == nullptr
                             ? xml::Element{"windowsSettings", {}, {}, {}}
                             : xml::Element{qualified_in(*app, "windowsSettings"), {}, {}, {}};
    block.children = std::move(missing);
    if (app != nullptr) return add_children(*app, {std::move(block)});
    xml::Element top{"application", {{"xmlns", ns::asm_v3}}, {}, {}};
    top.children.push_back(std::move(block));
    appended_.push_back(std::move(top));
  }

  // The new top-level elements, after the root's last child.
  void finish() {
    if (!appended_.empty()) add_children(root_, std::move(appended_));
  }

 private:
  static std::string qualified_name(const ParsedElement& e) {
    return e.prefix.empty() ? e.local : e.prefix + ":" + e.local;
  }
  // `local` named as a child of `parent` in the parent's namespace.
  static std::string qualified_in(const ParsedElement& parent, const std::string& local) {
    return parent.prefix.empty() ? local : parent.prefix + ":" + local;
  }
  // `local` named like the (new) element `sibling`: with its prefix, if any.
  static std::string qualified(const xml::Element& like, const std::string& local) {
    const std::size_t colon = like.name.find(':');
    return colon == std::string::npos ? local : like.name.substr(0, colon + 1) + local;
  }
  // A new child of `parent` in namespace `uri`: the parent's prefix when it is the parent's
  // namespace, else a default namespace declaration of its own.
  static xml::Element in_namespace(const ParsedElement& parent, const std::string& local,
                                   const std::string& uri) {
    if (parent.namespace_uri == uri) return {qualified_in(parent, local), {}, {}, {}};
    return {local, {{"xmlns", uri}}, {}, {}};
  }
  static xml::Element identity_element(const ManifestIdentity& i, const xml::Element& like) {
    xml::Element id{qualified(like, "assemblyIdentity"), {}, {}, {}};
    id.attr("type", i.type).attr("name", i.name).attr("version", i.version);
    id.attr("processorArchitecture", i.processor_architecture);
    if (!i.public_key_token.empty()) id.attr("publicKeyToken", i.public_key_token);
    if (!i.language.empty()) id.attr("language", i.language);
    return id;
  }
  static xml::Element identity_element(const ManifestIdentity& i, const ParsedElement& parent) {
    return identity_element(i, xml::Element{qualified_in(parent, "x"), {}, {}, {}});
  }
  static bool same_identity(const ParsedElement& id, const ManifestIdentity& i) {
    return attribute(id, "type") == i.type && attribute(id, "name") == i.name &&
           attribute(id, "version") == i.version &&
           attribute(id, "processorArchitecture") == i.processor_architecture &&
           text::iequals(attribute(id, "publicKeyToken"), i.public_key_token) &&
           attribute(id, "language") == i.language;
  }

  // The white space before `e` on its line ("" when something else precedes it there).
  std::string indent(const ParsedElement& e) const {
    std::size_t start = e.span.begin;
    while (start > 0 && (text_[start - 1] == ' ' || text_[start - 1] == '\t')) --start;
    if (start > 0 && text_[start - 1] != '\n') return "";
    return std::string(text_.substr(start, e.span.begin - start));
  }
  std::string line_at(const ParsedElement& e) const { return newline_ + indent(e); }

  // `e` as text, its lines after the first indented by `base`.
  std::string render(const xml::Element& e, const std::string& base) const {
    std::string xml = xml::write_document(e);
    const std::size_t decl_end = xml.find("?>\n");
    if (decl_end != std::string::npos) xml.erase(0, decl_end + 3);
    while (!xml.empty() && xml.back() == '\n') xml.pop_back();
    std::string out;
    for (char c : xml) {
      if (c == '\n') {
        out += newline_ + base;
      } else {
        out.push_back(c);
      }
    }
    return out;
  }

  void add_children(const ParsedElement& parent, std::vector<xml::Element> children) {
    const std::string outer = indent(parent);
    const std::string inner =
        parent.children.empty() ? outer + "  " : indent(parent.children.front());
    std::string text;
    for (const auto& c : children) text += newline_ + inner + render(c, inner);
    if (parent.span.empty_tag) {
      // <a/> becomes <a>…</a>.
      edits.push_back({parent.span.end - 2, parent.span.end,
                       ">" + text + newline_ + outer + "</" + qualified_name(parent) + ">"});
      return;
    }
    if (!parent.children.empty()) {
      const std::size_t at = parent.children.back().span.end;
      edits.push_back({at, at, std::move(text)});
      return;
    }
    // No child element: the new ones go last, replacing the content when it is only white space
    // (comments and text stay before them).
    const std::size_t begin = parent.span.content_begin;
    const std::size_t end = parent.span.content_end;
    const bool blank = trimmed(text_.substr(begin, end - begin)).empty();
    edits.push_back({blank ? begin : end, end, text + newline_ + outer});
  }

  void replace(const ParsedElement& e, const xml::Element& with) {
    replaced.insert(e.span.begin);
    edits.push_back({e.span.begin, e.span.end, render(with, indent(e))});
  }

  void warn(const ParsedElement& e, std::string message) {
    diagnostics_.warning("manifest-merge-replaced", std::move(message),
                         {file_, e.at.line, e.at.column, {}},
                         "the existing manifest said otherwise; check that the new value is the "
                         "one you want");
  }

  std::string_view text_;
  const ParsedElement& root_;
  Diagnostics& diagnostics_;
  std::string file_;
  std::string newline_;
  std::vector<xml::Element> appended_;
};

std::vector<Edit> plan_edits(const Description& d, std::string_view text, const ParsedElement& root,
                             const ApplicationSettings& s, Diagnostics& diagnostics,
                             const std::string& file, std::set<std::size_t>& replaced) {
  Planner p(text, root, diagnostics, file);
  p.dependency(manifest_identity(d.assembly));
  if (s.common_controls) p.dependency(common_controls_identity());
  p.execution_level(s.execution_level);
  p.supported_os(s.supported_os);
  p.windows_settings(s);
  p.finish();
  replaced = std::move(p.replaced);
  std::stable_sort(p.edits.begin(), p.edits.end(),
                   [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  return std::move(p.edits);
}

std::string apply(std::string_view text, const std::vector<Edit>& edits) {
  std::string out;
  std::size_t at = 0;
  for (const auto& e : edits) {
    out.append(text.substr(at, e.begin - at));
    out += e.text;
    at = std::max(at, e.end);
  }
  out.append(text.substr(at));
  return out;
}

// Is everything of `in` (an input element) in `out` (its place in the result)? Children in
// order, new ones allowed between them; a replaced element only by name.
bool kept(const ParsedElement& in, const ParsedElement& out,
          const std::set<std::size_t>& replaced) {
  if (in.local != out.local || in.namespace_uri != out.namespace_uri) return false;
  const bool was_replaced = replaced.count(in.span.begin) != 0;
  if (!was_replaced && in.prefix != out.prefix) return false;
  for (const auto& a : in.attributes) {
    const bool found =
        std::any_of(out.attributes.begin(), out.attributes.end(), [&](const auto& b) {
          return a.prefix == b.prefix && a.local == b.local && (was_replaced || a.value == b.value);
        });
    if (!found) return false;
  }
  if (was_replaced) return true;
  if (trimmed(in.text) != trimmed(out.text)) return false;
  std::size_t j = 0;
  for (const auto& c : in.children) {
    while (j < out.children.size() && !kept(c, out.children[j], replaced)) ++j;
    if (j == out.children.size()) return false;
    ++j;
  }
  return true;
}

// The comments of `text`, in order.
std::vector<std::string_view> comments(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t at = text.find("<!--"); at != std::string_view::npos;
       at = text.find("<!--", at + 4)) {
    const std::size_t end = text.find("-->", at + 4);
    if (end == std::string_view::npos) break;
    out.push_back(text.substr(at, end + 3 - at));
  }
  return out;
}

bool comments_kept(std::string_view in, std::string_view out) {
  std::size_t at = 0;
  for (const auto c : comments(in)) {
    at = out.find(c, at);
    if (at == std::string_view::npos) return false;
    at += c.size();
  }
  return true;
}

// The read-back: what is wrong with `merged`, or "".
std::string check_merged(const Description& d, std::string_view input, const ParsedElement& root,
                         const std::string& merged, const ApplicationSettings& s,
                         const std::set<std::size_t>& replaced) {
  const xml::ParseResult again = xml::parse_document(merged);
  if (again.error) return "the result is not well-formed XML: " + again.error->message;
  if (!kept(root, *again.root, replaced)) return "an element of the input is missing";
  if (!comments_kept(input, merged)) return "a comment of the input is missing";
  const ManifestReadResult read = read_manifest(merged, "merged");
  if (!read.manifest) return "the manifest reader does not accept the result";
  const ManifestIdentity wanted = manifest_identity(d.assembly);
  const auto& deps = read.manifest->dependencies;
  const bool has_dependency = std::any_of(deps.begin(), deps.end(), [&](ManifestIdentity id) {
    id.at = {};
    return id == wanted;
  });
  if (!has_dependency) return "the dependency on " + wanted.name + " is not in the result";
  Diagnostics ignored;
  std::set<std::size_t> unused;
  if (!plan_edits(d, merged, *again.root, s, ignored, "merged", unused).empty())
    return "merging the result again would change it";
  return {};
}

}  // namespace

ManifestMergeResult merge_application_manifest(const Description& d, std::string_view existing,
                                               const std::string& file,
                                               const ApplicationSettings& settings) {
  ManifestMergeResult result;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(existing[i]); };
  if (existing.size() >= 2 &&
      ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF))) {
    result.diagnostics.error("manifest-encoding", "the manifest is UTF-16", {file, 1, 1, {}},
                             "save it as UTF-8 (the encoding of manifests Visual Studio writes) "
                             "and merge again");
    return result;
  }
  result.diagnostics = check_application_settings(settings);
  if (result.diagnostics.has_errors()) return result;
  const bool bom = existing.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF;
  const std::string_view text = bom ? existing.substr(3) : existing;
  const xml::ParseResult parsed = xml::parse_document(text);
  if (parsed.error) {
    result.diagnostics.error("xml-syntax", parsed.error->message,
                             {file, parsed.error->at.line, parsed.error->at.column, {}},
                             "a manifest must be well-formed XML");
    return result;
  }
  const ParsedElement& root = *parsed.root;
  if (root.local != "assembly" || root.namespace_uri != ns::asm_v1) {
    result.diagnostics.error(
        "manifest-not-assembly",
        "the root element is not <assembly> in urn:schemas-microsoft-com:asm.v1",
        {file, root.at.line, root.at.column, {}}, "merge into an application manifest");
    return result;
  }
  std::set<std::size_t> replaced;
  const std::vector<Edit> edits =
      plan_edits(d, text, root, settings, result.diagnostics, file, replaced);
  std::string merged = apply(text, edits);
  const std::string problem = check_merged(d, text, root, merged, settings, replaced);
  if (!problem.empty()) {
    result.diagnostics.error("manifest-merge-check", "the merged manifest was checked: " + problem,
                             {file, 0, 0, {}},
                             "this is a bug in comreg; please report it with the manifest");
    return result;
  }
  result.xml = bom ? "\xEF\xBB\xBF" + merged : std::move(merged);
  return result;
}

}  // namespace comreg
