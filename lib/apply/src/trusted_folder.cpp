// The parts of TrustedFolder that do not depend on the platform.
#include "apply/trusted_folder.hpp"
#include "comreg/core/guid.hpp"

namespace comreg::journal_io {

TrustedFolder::~TrustedFolder() {
  close();
}

TrustedFolder::TrustedFolder(TrustedFolder&& other) noexcept
    : path_(std::move(other.path_)), trust_(other.trust_), handle_(other.handle_) {
  other.handle_ = -1;
}

TrustedFolder& TrustedFolder::operator=(TrustedFolder&& other) noexcept {
  if (this != &other) {
    close();
    path_ = std::move(other.path_);
    trust_ = other.trust_;
    handle_ = other.handle_;
    other.handle_ = -1;
  }
  return *this;
}

void TrustedFolder::close() {
  close_handle(handle_);
  handle_ = -1;
}

std::string TrustedFolder::file_path(const std::string& name) const {
#ifdef _WIN32
  const char separator = '\\';
#else
  const char separator = '/';
#endif
  return path_ + (path_.empty() || path_.back() == separator ? "" : std::string(1, separator)) +
         name;
}

void TrustedFolder::unlock(std::intptr_t handle) {
  close_handle(handle);  // on Windows the lock file goes with it (FILE_FLAG_DELETE_ON_CLOSE)
}

std::string TrustedFolder::temporary_name(const std::string& name) {
  const std::string guid = random_guid();  // "{…}": from the system CSPRNG
  return "." + name + "." + guid.substr(1, guid.size() - 2) + ".tmp";
}

}  // namespace comreg::journal_io
