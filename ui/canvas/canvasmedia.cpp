#include "canvas/canvasmedia.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStringList>

namespace lb::canvasmedia {

namespace {

const QString kSettingsKey = QStringLiteral("canvas/mediaFolder");

bool isFile(const QDir &dir, const QString &relative)
{
    return !relative.isEmpty() && QFileInfo(dir.filePath(relative)).isFile();
}

} // namespace

QString mediaFolder()
{
    return QSettings().value(kSettingsKey).toString();
}

void setMediaFolder(const QString &folder)
{
    QSettings().setValue(kSettingsKey, folder);
}

QString findImage(const QString &folder, const QString &dataTitle, const QString &dataHash)
{
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        return QString();
    const QDir dir(folder);
    // Titles are often paths in the bucket ("drive-07/cam-front/000123.jpg"); the folder may hold the whole
    // tree or only a part of it, so the tails are tried from the longest.
    QStringList parts = QDir::fromNativeSeparators(dataTitle).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    while (!parts.isEmpty()) {
        const QString relative = parts.join(QLatin1Char('/'));
        if (isFile(dir, relative))
            return dir.filePath(relative);
        parts.removeFirst();
    }
    if (!dataHash.isEmpty()) {
        for (const char *extension : {".jpg", ".jpeg", ".png", ".webp", ".bmp"}) {
            const QString name = dataHash + QLatin1String(extension);
            if (isFile(dir, name))
                return dir.filePath(name);
        }
    }
    return QString();
}

} // namespace lb::canvasmedia
