#pragma once

#include <QString>

namespace lb {

// Where the overlay finds a data unit's image on this machine: a folder the user picks once (kept in
// QSettings), searched by the data title as a relative path, then by shorter tails of it, then by file name.
namespace canvasmedia {

QString mediaFolder();
void setMediaFolder(const QString &folder);
// The image file for a data unit, or an empty string when the folder does not have it.
QString findImage(const QString &folder, const QString &dataTitle, const QString &dataHash);

} // namespace canvasmedia
} // namespace lb
