// What every rule family gets: the merged classes view, the options, and a way to report.
#pragma once

#include <string>
#include <string_view>

#include "classes_view.hpp"
#include "comreg/audit/audit.hpp"

namespace comreg::audit_detail {

class AuditContext {
 public:
  AuditContext(const ClassesView& view, const AuditOptions& options, AuditReport& out)
      : view_(view), options_(options), out_(out) {}

  [[nodiscard]] const ClassesView& view() const { return view_; }
  [[nodiscard]] const AuditOptions& options() const { return options_; }

  /// Reports rule `id` on value `value` of `rel` in `layer`.
  void report(std::string_view id, Layer layer, std::string_view rel, std::string_view value,
              std::string message);

 private:
  const ClassesView& view_;
  const AuditOptions& options_;
  AuditReport& out_;
};

/// A server registration: the key below the classes root and its (default) command or path.
struct ServerEntry {
  Layer layer;
  std::string clsid;  // the CLSID key's name as found
  std::string rel;    // "CLSID\{…}\InprocServer32"
  std::string kind;   // "InprocServer32", "LocalServer32", "InprocHandler32"
  std::string data;   // the default value
};

/// Every server entry of every CLSID in both layers.
[[nodiscard]] std::vector<ServerEntry> server_entries(const ClassesView& view);

/// A LocalServer32 command read for the file it runs: the program, quoted or up to the
/// first ".exe" followed by a blank or the end (or the whole text when there is none).
struct ServerCommand {
  bool quoted = false;
  std::string program;
};
[[nodiscard]] ServerCommand split_server_command(std::string_view command);

/// The file a server entry names: the program of a LocalServer32 command, else the path.
[[nodiscard]] std::string server_file(const ServerEntry& entry);

/// The last path segment ("C:\x\Y.dll" -> "y.dll"), case folded.
[[nodiscard]] std::string file_name(std::string_view path);

/// A moniker display name or URL ("script:…", "https://…"), not a file path.
[[nodiscard]] bool is_moniker_or_url(std::string_view path);

/// 'text' in single quotes.
[[nodiscard]] std::string quote(std::string_view text);

// One function per rule family (one file each).
void check_shadowing(AuditContext& cx);
void check_redirections(AuditContext& cx);
void check_script_servers(AuditContext& cx, const std::vector<ServerEntry>& servers);
void check_server_paths(AuditContext& cx, const std::vector<ServerEntry>& servers);
void check_appids(AuditContext& cx);
void check_elevation(AuditContext& cx);

}  // namespace comreg::audit_detail
