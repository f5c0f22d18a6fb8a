// check_manifest_folder: what the loader would find wrong across an application's manifests.
#include "comreg/readers/manifest_folder.hpp"

#include <map>
#include <set>

#include "comreg/core/guid.hpp"
#include "core/ascii.hpp"

namespace comreg {
namespace {

std::string base_name(std::string_view path) {
  const std::size_t slash = path.find_last_of("\\/");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

SourceLocation where(const ManifestModel& m, const ManifestRef& at) {
  return {m.file, at.line, at.column, at.path};
}

std::string at_text(const ManifestModel& m, const ManifestRef& at) {
  return m.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

// The identity attributes that differ, as "version 1.0.0.0 (NAME.manifest has 2.0.0.0)".
std::string identity_differences(const ManifestIdentity& wanted, const ManifestIdentity& found) {
  std::string out;
  const auto differ = [&](const char* name, const std::string& w, const std::string& f,
                          bool ignore_case) {
    if (ignore_case ? text::iequals(w, f) : w == f) return;
    out += std::string(out.empty() ? "" : ", ") + name + " '" + w + "' (it has '" + f + "')";
  };
  differ("name", wanted.name, found.name, true);
  differ("version", wanted.version, found.version, false);
  // "*" in a reference accepts any architecture.
  if (wanted.processor_architecture != "*") {
    differ("processorArchitecture", wanted.processor_architecture, found.processor_architecture,
           true);
  }
  differ("publicKeyToken", wanted.public_key_token, found.public_key_token, true);
  return out;
}

class FolderChecker {
 public:
  FolderChecker(const std::vector<ManifestModel>& manifests, const std::vector<std::string>& files)
      : manifests_(manifests) {
    for (const auto& f : files) present_.insert(text::fold_case(f));
    for (const auto& m : manifests) {
      by_file_name_.emplace(text::fold_case(base_name(m.file)), &m);
      if (m.identity) by_identity_.emplace(text::fold_case(m.identity->name), &m);
    }
  }

  Diagnostics run() {
    for (const auto& m : manifests_) {
      dependencies(m);
      files(m);
      served(m);
    }
    return std::move(findings_);
  }

 private:
  void dependencies(const ManifestModel& m) {
    for (const auto& d : m.dependencies) {
      const auto it = by_file_name_.find(text::fold_case(d.name + ".manifest"));
      if (it == by_file_name_.end()) {
        const auto other = by_identity_.find(text::fold_case(d.name));
        if (other != by_identity_.end()) {
          findings_.error("dependency-file-name",
                          "dependent assembly " + d.name + ": there is no " + d.name +
                              ".manifest, the file Windows looks for; " + other->second->file +
                              " has that identity",
                          where(m, d.at),
                          "name the manifest after its assembly: " + d.name + ".manifest");
        }
        continue;
      }
      const ManifestModel& target = *it->second;
      if (!target.identity) {
        findings_.error(
            "dependency-identity",
            "dependent assembly " + d.name + ": " + target.file + " has no assemblyIdentity",
            where(m, d.at), "give " + target.file + " the identity the reference names");
        continue;
      }
      const std::string differences = identity_differences(d, *target.identity);
      if (differences.empty()) continue;
      findings_.error("dependency-identity",
                      "dependent assembly " + d.name + " does not match the identity of " +
                          target.file + " (" + at_text(target, target.identity->at) +
                          "): " + differences,
                      where(m, d.at),
                      "Windows refuses to start the application: make the reference and the "
                      "identity the same");
    }
  }

  void files(const ManifestModel& m) {
    for (const auto& f : m.files) {
      std::string name = f.name;
      for (char& c : name) {
        if (c == '\\') c = '/';
      }
      if (present_.count(text::fold_case(name))) continue;
      findings_.error("file-not-found", "file " + f.name + " is not in the folder", where(m, f.at),
                      "ship it beside the manifest, or remove its <file> element");
    }
  }

  void served(const ManifestModel& m) {
    for (const auto& f : m.files) {
      for (const auto& c : f.classes) {
        clsid(m, c.clsid, c.at);
        progid(m, c.progid, c.at);
        for (const auto& p : c.progids) progid(m, p, c.at);
      }
    }
    for (const auto& c : m.clr_classes) {
      clsid(m, c.clsid, c.at);
      progid(m, c.progid, c.at);
    }
  }

  void clsid(const ManifestModel& m, const std::string& value, const ManifestRef& at) {
    const std::string key = normalize_guid(value).value_or(value);
    const auto [it, added] = clsids_.emplace(key, std::pair{&m, at});
    if (added) return;
    findings_.error(
        "clsid-served-twice",
        "CLSID " + key + " is already served by " + at_text(*it->second.first, it->second.second),
        where(m, at), "one class per CLSID: remove one of the entries");
  }

  void progid(const ManifestModel& m, const std::string& value, const ManifestRef& at) {
    if (value.empty()) return;
    const auto [it, added] = progids_.emplace(text::fold_case(value), std::pair{&m, at});
    if (added) return;
    findings_.error("progid-served-twice",
                    "ProgID " + value + " is already served by " +
                        at_text(*it->second.first, it->second.second),
                    where(m, at), "a ProgID names one class: remove or rename one of them");
  }

  const std::vector<ManifestModel>& manifests_;
  std::set<std::string> present_;
  std::map<std::string, const ManifestModel*> by_file_name_;
  std::map<std::string, const ManifestModel*> by_identity_;
  std::map<std::string, std::pair<const ManifestModel*, ManifestRef>> clsids_;
  std::map<std::string, std::pair<const ManifestModel*, ManifestRef>> progids_;
  Diagnostics findings_;
};

}  // namespace

Diagnostics check_manifest_folder(const std::vector<ManifestModel>& manifests,
                                  const std::vector<std::string>& folder_files) {
  return FolderChecker(manifests, folder_files).run();
}

}  // namespace comreg
