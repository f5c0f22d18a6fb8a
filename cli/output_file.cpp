#include "output_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <windows.h>
#endif

namespace comreg::cli {
namespace fs = std::filesystem;

bool read_input(const std::string& path, std::string& contents, std::string& error) {
  if (path == "-") {
#ifdef _WIN32
    _setmode(_fileno(stdin), _O_BINARY);
#endif
    contents.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::error_code ec;
  if (fs::is_directory(fs::path(path), ec)) {
    error = "cannot read '" + path + "': it is a directory";
    return false;
  }
  std::ifstream in(fs::path(path), std::ios::binary);
  if (!in) {
    error = "cannot read '" + path + "': " + std::strerror(errno);
    return false;
  }
  contents.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = "cannot read '" + path + "'";
    return false;
  }
  return true;
}

namespace {

bool replace_file(const fs::path& from, const fs::path& to, std::string& error) {
#ifdef _WIN32
  // std::filesystem::rename does not replace an existing file on every Windows runtime.
  if (!MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    error = "cannot replace '" + to.string() + "' (Windows error " +
            std::to_string(GetLastError()) + ")";
    return false;
  }
  return true;
#else
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) {
    error = "cannot replace '" + to.string() + "': " + ec.message();
    return false;
  }
  return true;
#endif
}

}  // namespace

bool write_output(const std::string& path, std::string_view bytes, std::string& error) {
  if (path.empty() || path == "-") {
#ifdef _WIN32
    _setmode(_fileno(stdout), _O_BINARY);
#endif
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    if (std::fflush(stdout) != 0) {
      error = "cannot write to standard output";
      return false;
    }
    return true;
  }
  const fs::path target(path);
  std::random_device random;
  const fs::path temp = target.parent_path() / ("." + target.filename().string() + ".comreg-" +
                                                std::to_string(random() % 1000000) + ".tmp");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot write '" + path + "': " + std::strerror(errno);
      return false;
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      error = "cannot write '" + path + "': " + std::strerror(errno);
      out.close();
      std::error_code ignored;
      fs::remove(temp, ignored);
      return false;
    }
  }
  if (!replace_file(temp, target, error)) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    return false;
  }
  return true;
}

}  // namespace comreg::cli
