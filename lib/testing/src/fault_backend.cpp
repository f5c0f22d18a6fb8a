#include "comreg/testing/fault_backend.hpp"

#include <cstdio>
#include <cstdlib>

namespace comreg {

FaultInjectingBackend::FaultInjectingBackend(RegistryBackend& inner, std::size_t k, Fault fault)
    : inner_(inner), k_(k), fault_(fault) {}

template <typename F>
Status FaultInjectingBackend::write(std::string_view key, F&& make) {
  ++attempts_;
  if (attempts_ == k_ && fault_ != Fault::terminate) {
    if (fault_ == Fault::crash) throw SimulatedCrash{writes_};
    return Status::failure(
        BackendErrc::injected,
        "injected failure at write " + std::to_string(k_) + " (" + std::string(key) + ")");
  }
  Status s = make();
  if (s.ok()) ++writes_;
  if (fault_ == Fault::terminate && attempts_ == k_) {
    std::fflush(stdout);
    std::_Exit(99);  // as abrupt as a kill: no destructors, no rollback
  }
  return s;
}

Status FaultInjectingBackend::create_key(std::string_view key) {
  return write(key, [&] { return inner_.create_key(key); });
}

Status FaultInjectingBackend::set_value(std::string_view key, std::string_view name,
                                        const RegValue& value) {
  return write(key, [&] { return inner_.set_value(key, name, value); });
}

Status FaultInjectingBackend::delete_value(std::string_view key, std::string_view name) {
  return write(key, [&] { return inner_.delete_value(key, name); });
}

Status FaultInjectingBackend::delete_tree(std::string_view key) {
  return write(key, [&] { return inner_.delete_tree(key); });
}

}  // namespace comreg
