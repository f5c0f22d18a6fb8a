// Reading and replacing a hive file whole (see hive_file.hpp).
#include "store/hive_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "comreg/core/file_path.hpp"
namespace comreg {

std::vector<std::uint8_t> read_hive_bytes(const std::string& file, Status& status) {
  std::vector<std::uint8_t> bytes;
  std::ifstream in(files::path_from_utf8(file), std::ios::binary);
  std::error_code ec;
  const auto size = std::filesystem::file_size(files::path_from_utf8(file), ec);
  if (!in || ec) {
    status = Status::failure(BackendErrc::io, "cannot read " + file + ": " + std::strerror(errno));
    return bytes;
  }
  // Room to grow in place: a commit edits these bytes themselves (edit_hive_in_image), and
  // growing a full vector would copy the whole hive. Untouched, the room costs no memory; a
  // small hive that outgrows it is copied cheaply.
  bytes.reserve(static_cast<std::size_t>(size) + static_cast<std::size_t>(size) / 2);
  bytes.resize(static_cast<std::size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (static_cast<std::size_t>(in.gcount()) != bytes.size()) {
    status = Status::failure(BackendErrc::io, "cannot read " + file + ": it changed while read");
    bytes.clear();
    return bytes;
  }
  status = Status::success();
  return bytes;
}

Status write_bytes_to(const std::string& temporary, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(files::path_from_utf8(temporary), std::ios::binary | std::ios::trunc);
  if (out) {
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    out.flush();
  }
  if (!out) {
    return Status::failure(BackendErrc::io,
                           "cannot write " + temporary + ": " + std::strerror(errno));
  }
  return Status::success();
}

}  // namespace comreg
