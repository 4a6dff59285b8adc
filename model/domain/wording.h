#pragma once

#include <QString>

namespace lb {

// Small pieces of wording shared by the messages of the core, the command line and the window, so that a
// branch is quoted and a count is spelled the same way everywhere.

// A name in double quotes: "pre-labels-v1".
QString quoted(const QString &name);

// A count with its noun: "1 label row", "3 label rows". The plural form defaults to the singular plus "s".
QString plural(qsizetype n, const QString &singular, const QString &pluralForm = QString());

} // namespace lb
