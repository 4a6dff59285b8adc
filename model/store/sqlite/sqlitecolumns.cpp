#include "store/sqlite/sqlitecolumns.h"

namespace lb::sql {

// The stored spelling is the one of Encord's label rows.
QString dataTypeCode(const DataType &type)
{
    const QString code = type.labelRowName();
    return code.isEmpty() ? QStringLiteral("image") : code;
}

DataType dataTypeFromCode(const QString &code)
{
    DataType type = DataType::Image;
    return DataType::parse(code, &type) ? type : DataType(DataType::Image);
}

QString dataUnitLabel(const QString &dataHash, const QString &title)
{
    if (title.isEmpty())
        return dataHash;
    return QStringLiteral("'%1' (%2)").arg(title, dataHash);
}

} // namespace lb::sql
