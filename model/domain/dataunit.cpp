#include "domain/dataunit.h"

namespace lb {

QString dataTypeLabelRowName(DataType type)
{
    switch (type) {
    case DataType::Image:
        return QStringLiteral("image");
    case DataType::ImageGroup:
        return QStringLiteral("img_group");
    case DataType::Video:
        return QStringLiteral("video");
    }
    return QString();
}

QString dataTypeDisplayName(DataType type)
{
    switch (type) {
    case DataType::Image:
        return QStringLiteral("image");
    case DataType::ImageGroup:
        return QStringLiteral("image group");
    case DataType::Video:
        return QStringLiteral("video");
    }
    return QString();
}

bool parseDataType(const QString &text, DataType *type)
{
    // Listings spell types in upper case ("IMG_GROUP"), label rows in lower case ("img_group"); some exports
    // and older tools write "image_group". All of them mean the same thing.
    const QString t = text.trimmed().toLower();
    DataType parsed;
    if (t == QLatin1String("image"))
        parsed = DataType::Image;
    else if (t == QLatin1String("img_group") || t == QLatin1String("image_group"))
        parsed = DataType::ImageGroup;
    else if (t == QLatin1String("video"))
        parsed = DataType::Video;
    else
        return false;
    if (type)
        *type = parsed;
    return true;
}

} // namespace lb
