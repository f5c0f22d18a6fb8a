// JournalStore: one target's journal in its trusted folder, with the lock that keeps two runs
// apart. Durability and the refusal of links live in TrustedFolder; what a journal may say is
// checked here before it is written and in recover() before it is applied.
#include "apply/trusted_folder.hpp"
#include "comreg/apply/journal.hpp"

namespace comreg {

struct JournalStore::Impl {
  JournalSite site;
  journal_io::TrustedFolder folder;
  std::intptr_t lock = -1;

  std::string file() const { return site.target + ".journal"; }
  ~Impl() { journal_io::TrustedFolder::unlock(lock); }
};

JournalStore::JournalStore() = default;
JournalStore::~JournalStore() = default;
JournalStore::JournalStore(JournalStore&& other) noexcept = default;
JournalStore& JournalStore::operator=(JournalStore&& other) noexcept = default;

Status JournalStore::open(const JournalSite& site) {
  impl_.reset();
  auto impl = std::make_unique<Impl>();
  impl->site = site;
  if (Status s = impl->folder.open(site.folder, site.trust); !s.ok()) return s;
  bool busy = false;
  const std::string lock = impl->file() + ".lock";
  if (Status s = impl->folder.lock(lock, impl->lock, busy); !s.ok()) {
    if (!busy) return s;
    return Status::failure(BackendErrc::io,
                           "another comreg run is changing this registry (it holds " +
                               impl->folder.file_path(lock) + "): wait for it to finish");
  }
  impl_ = std::move(impl);
  return Status::success();
}

bool JournalStore::is_open() const {
  return impl_ != nullptr;
}

const JournalSite& JournalStore::site() const {
  return impl_->site;
}

std::string JournalStore::path() const {
  return impl_->folder.file_path(impl_->file());
}

Status JournalStore::write(const Journal& journal) {
  // A run only ever journals what it may change; anything else would be a bug, and a journal
  // recover() would refuse.
  if (const std::string outside = key_out_of_bounds(journal, impl_->site.bounds);
      !outside.empty()) {
    return Status::failure(
        BackendErrc::unsupported,
        "refusing to journal " + outside + ": it is outside " + impl_->site.target + "'s keys");
  }
  return impl_->folder.write_file(impl_->file(), serialize_journal(journal));
}

Status JournalStore::remove() {
  Status s = impl_->folder.remove_file(impl_->file());
  if (!s.ok()) s.message += " (the next install or recover would roll back this run: remove it)";
  return s;
}

JournalRead JournalStore::read(std::string& bytes, std::string& error) const {
  return impl_->folder.read_file(impl_->file(), bytes, error);
}

JournalState look_for_journal(const JournalSite& site) {
  const std::string path = site.path();
  if (journal_io::lock_is_held(path + ".lock")) return JournalState::running;
  return journal_io::name_exists(path) ? JournalState::unfinished : JournalState::none;
}

}  // namespace comreg
