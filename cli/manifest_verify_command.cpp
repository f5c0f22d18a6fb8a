#include "manifest_verify_command.hpp"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "cli_error.hpp"
#include "command_io.hpp"
#include "comreg/core/file_path.hpp"
#include "comreg/core/output_file.hpp"
#include "comreg/readers/manifest_folder.hpp"
#include "comreg/readers/manifest_reader.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {
namespace {

namespace fs = std::filesystem;

// ASCII lower case: Windows compares file names without case.
std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The names of a folder's files (not of its subfolders' files), sorted; throws CliError when
// the folder cannot be listed.
std::vector<std::string> folder_files(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(files::path_from_utf8(folder), ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec)) names.push_back(files::utf8_of(it->path().filename()));
  }
  if (ec) fail("cannot list " + folder + ": " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

// The manifest of the description's assembly: NAME.manifest, the file Windows probes.
const ManifestModel* assembly_manifest(const std::vector<ManifestModel>& manifests,
                                       const std::string& name) {
  for (const auto& m : manifests) {
    const std::string file = files::utf8_of(files::path_from_utf8(m.file).filename());
    if (lower(file) == lower(name + ".manifest")) return &m;
  }
  return nullptr;
}

// verify --manifest FOLDER: every *.manifest file of the folder (not those embedded in
// binaries) read and checked together, and the description against its assembly's manifest.
int run_folder_verify(const CommonOptions& options, const Description& description,
                      const std::string& folder) {
  const OutputFormat format = options.output_format();
  const bool json = format == OutputFormat::json;
  const std::vector<std::string> files = folder_files(folder);
  std::vector<ManifestModel> manifests;
  Diagnostics unreadable;
  for (const auto& name : files) {
    if (!lower(name).ends_with(".manifest")) continue;
    const std::string path =
        files::utf8_of(files::path_from_utf8(folder) / files::path_from_utf8(name));
    std::string bytes, error;
    if (!read_input(path, bytes, error)) fail(error);
    ManifestReadResult read = read_manifest(bytes, path);
    for (const auto& d : read.diagnostics) unreadable.add(d);
    if (read.manifest) manifests.push_back(std::move(*read.manifest));
  }
  Diagnostics findings = check_manifest_folder(manifests, files);
  for (const auto& d : unreadable) findings.add(d);
  ManifestVerifyReport report;
  report.description_file = description.file;
  const ManifestModel* own = assembly_manifest(manifests, description.assembly.name);
  if (own != nullptr) {
    report = verify_manifest(description, *own);
  } else {
    findings.error(
        "assembly-manifest-missing",
        "the folder has no " + description.assembly.name +
            ".manifest, the manifest of the description's assembly",
        {description.file, description.assembly.at.line, description.assembly.at.column,
         description.assembly.at.pointer},
        "write it with: comreg manifest " + description.file + " -o " +
            files::utf8_of(files::path_from_utf8(folder) /
                           files::path_from_utf8(description.assembly.name + ".manifest")));
  }
  const bool ok = own != nullptr && report.ok() && !findings.has_errors();
  if (json) {
    nlohmann::ordered_json doc;
    doc["ok"] = ok;
    doc["folder"] = folder;
    doc["manifests"] = manifests.size();
    doc["findings"] = nlohmann::ordered_json::parse(format_diagnostics_json(findings));
    if (own != nullptr) {
      doc["assembly"] = nlohmann::ordered_json::parse(format_manifest_verify_report(report, true));
    }
    const std::string text =
        doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    return ok ? exit_ok : exit_problems;
  }
  if (!report.diagnostics.empty()) print_diagnostics(report.diagnostics, format, stderr);
  if (own != nullptr) {
    const std::string text = format_manifest_verify_report(report, false);
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  if (!findings.empty()) print_diagnostics(findings, format, stdout);
  std::fprintf(stdout, "%s: %zu manifests, %zu findings\n", folder.c_str(), manifests.size(),
               findings.size());
  return ok ? exit_ok : exit_problems;
}

}  // namespace

int run_manifest_verify(const CommonOptions& options, const std::string& manifest_path) {
  const bool json = options.output_format() == OutputFormat::json;
  // A manifest names servers by file name only, so placeholders need no --define.
  const Description description = load(options, UndefinedPlaceholder::keep);
  std::error_code ec;
  if (manifest_path != "-" && fs::is_directory(files::path_from_utf8(manifest_path), ec)) {
    return run_folder_verify(options, description, manifest_path);
  }
  std::string bytes;
  std::string error;
  if (!read_input(manifest_path, bytes, error)) fail(error);
  const std::string name = manifest_path == "-" ? "<stdin>" : manifest_path;
  const ManifestReadResult manifest = read_manifest(bytes, name);
  if (!manifest.diagnostics.empty()) {
    print_diagnostics(manifest.diagnostics, options.output_format(), json ? stdout : stderr);
  }
  if (!manifest.manifest) return exit_problems;
  const ManifestVerifyReport report = verify_manifest(description, *manifest.manifest);
  if (!report.diagnostics.empty()) {
    print_diagnostics(report.diagnostics, options.output_format(), stderr);
  }
  const std::string text = format_manifest_verify_report(report, json);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return report.ok() ? exit_ok : exit_problems;
}

}  // namespace comreg::cli
