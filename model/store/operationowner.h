#pragma once

#include <QString>

namespace lb::operationowner {

// Who runs a journaled write, as text kept with the operation: the host, the process (its id and start time,
// so a reused id is not taken for the process that died) and a token per operation, so two jobs of one
// window are told apart. A running operation holds its target branch's write lock until it ends or alive()
// says its process is gone.

// A new owner for an operation of this process, registered as live until release().
QString create();
void release(const QString &owner);
// False when the owner's process has ended (or, in this process, the operation has been released). An owner
// on another host cannot be checked and counts as alive.
bool alive(const QString &owner);

} // namespace lb::operationowner
