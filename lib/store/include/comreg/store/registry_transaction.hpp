// RegistryTransaction: a store's own all-or-nothing transaction (the Windows kernel
// transaction manager), used on top of the journal where the store has one that works.
#pragma once

#include <string>

#include "comreg/store/registry_backend.hpp"

namespace comreg {

class RegistryTransaction {
 public:
  virtual ~RegistryTransaction() = default;
  /// Starts a transaction that the store's writes join; false with `why` when it cannot (the
  /// journal alone then makes the run atomic).
  [[nodiscard]] virtual bool begin(std::string& why) = 0;
  [[nodiscard]] virtual Status commit() = 0;
  virtual void abort() = 0;
};

}  // namespace comreg
