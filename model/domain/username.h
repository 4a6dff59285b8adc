#pragma once

#include <QString>

namespace lb {

// Who is at the keyboard, as far as the audit log and the review decisions need to know.

// What osUserName() gives when the system names no user.
QString unknownUserName();
// The operating system's user name ($USER, else $USERNAME), "unknown" when neither is set.
QString osUserName();

// The name recorded for review decisions when none is given: $LABELBRANCH_REVIEWER, else the OS user, so
// the command line and the window record the same person under the same name.
QString defaultReviewerName();

} // namespace lb
