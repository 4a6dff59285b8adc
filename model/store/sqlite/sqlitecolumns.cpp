#include "store/sqlite/sqlitecolumns.h"

namespace lb::sql {

QString dataTypeCode(DataType type)
{
    switch (type) {
    case DataType::Image:
        return QStringLiteral("image");
    case DataType::ImageGroup:
        return QStringLiteral("img_group");
    case DataType::Video:
        return QStringLiteral("video");
    }
    return QStringLiteral("image");
}

DataType dataTypeFromCode(const QString &code)
{
    if (code == QLatin1String("video"))
        return DataType::Video;
    if (code == QLatin1String("img_group"))
        return DataType::ImageGroup;
    return DataType::Image;
}

QString dataUnitLabel(const QString &dataHash, const QString &title)
{
    if (title.isEmpty())
        return dataHash;
    return QStringLiteral("'%1' (%2)").arg(title, dataHash);
}

} // namespace lb::sql
