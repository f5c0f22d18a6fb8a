// Win32Backend: the live Windows registry through the Win32 API (Windows builds only).
#pragma once

#include "comreg/registry_backend.hpp"

namespace comreg {

/// Opens keys below HKEY_CURRENT_USER / HKEY_LOCAL_MACHINE / HKEY_CLASSES_ROOT / HKEY_USERS in
/// the given registry view (KEY_WOW64_64KEY or KEY_WOW64_32KEY), so callers pass logical paths
/// and Windows applies its own redirection. Access denied is reported with what to do.
class Win32Backend final : public RegistryBackend {
 public:
  explicit Win32Backend(View view);

  Status create_key(std::string_view key) override;
  Status set_value(std::string_view key, std::string_view name, const RegValue& value) override;
  Status delete_value(std::string_view key, std::string_view name) override;
  Status delete_tree(std::string_view key) override;

  bool key_exists(std::string_view key) const override;
  std::optional<RegValue> get_value(std::string_view key, std::string_view name) const override;
  std::vector<std::string> subkeys(std::string_view key) const override;
  std::vector<std::string> value_names(std::string_view key) const override;
  bool redirects_views() const override { return true; }

 private:
  View view_;
};

}  // namespace comreg
