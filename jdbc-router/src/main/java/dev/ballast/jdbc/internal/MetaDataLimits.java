package dev.ballast.jdbc.internal;

import java.sql.DatabaseMetaData;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * What {@link RoutedMetaData} says of the database's names, versions, keywords and limits,
 * forwarded to the physical connection's metadata. {@code RoutedDelegationTest} fails when one is
 * not forwarded.
 */
abstract class MetaDataLimits extends ForwardingMetaData {
  MetaDataLimits(DatabaseMetaData target) {
    super(target);
  }

  @Override
  public @Nullable String getCatalogSeparator() throws SQLException {
    return target.getCatalogSeparator();
  }

  @Override
  public @Nullable String getCatalogTerm() throws SQLException {
    return target.getCatalogTerm();
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return target.getDatabaseMajorVersion();
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return target.getDatabaseMinorVersion();
  }

  @Override
  public @Nullable String getDatabaseProductName() throws SQLException {
    return target.getDatabaseProductName();
  }

  @Override
  public @Nullable String getDatabaseProductVersion() throws SQLException {
    return target.getDatabaseProductVersion();
  }

  @Override
  public int getDefaultTransactionIsolation() throws SQLException {
    return target.getDefaultTransactionIsolation();
  }

  @Override
  public int getDriverMajorVersion() {
    return target.getDriverMajorVersion();
  }

  @Override
  public int getDriverMinorVersion() {
    return target.getDriverMinorVersion();
  }

  @Override
  public @Nullable String getDriverName() throws SQLException {
    return target.getDriverName();
  }

  @Override
  public @Nullable String getDriverVersion() throws SQLException {
    return target.getDriverVersion();
  }

  @Override
  public @Nullable String getExtraNameCharacters() throws SQLException {
    return target.getExtraNameCharacters();
  }

  @Override
  public @Nullable String getIdentifierQuoteString() throws SQLException {
    return target.getIdentifierQuoteString();
  }

  @Override
  public int getJDBCMajorVersion() throws SQLException {
    return target.getJDBCMajorVersion();
  }

  @Override
  public int getJDBCMinorVersion() throws SQLException {
    return target.getJDBCMinorVersion();
  }

  @Override
  public int getMaxBinaryLiteralLength() throws SQLException {
    return target.getMaxBinaryLiteralLength();
  }

  @Override
  public int getMaxCatalogNameLength() throws SQLException {
    return target.getMaxCatalogNameLength();
  }

  @Override
  public int getMaxCharLiteralLength() throws SQLException {
    return target.getMaxCharLiteralLength();
  }

  @Override
  public int getMaxColumnNameLength() throws SQLException {
    return target.getMaxColumnNameLength();
  }

  @Override
  public int getMaxColumnsInGroupBy() throws SQLException {
    return target.getMaxColumnsInGroupBy();
  }

  @Override
  public int getMaxColumnsInIndex() throws SQLException {
    return target.getMaxColumnsInIndex();
  }

  @Override
  public int getMaxColumnsInOrderBy() throws SQLException {
    return target.getMaxColumnsInOrderBy();
  }

  @Override
  public int getMaxColumnsInSelect() throws SQLException {
    return target.getMaxColumnsInSelect();
  }

  @Override
  public int getMaxColumnsInTable() throws SQLException {
    return target.getMaxColumnsInTable();
  }

  @Override
  public int getMaxConnections() throws SQLException {
    return target.getMaxConnections();
  }

  @Override
  public int getMaxCursorNameLength() throws SQLException {
    return target.getMaxCursorNameLength();
  }

  @Override
  public int getMaxIndexLength() throws SQLException {
    return target.getMaxIndexLength();
  }

  @Override
  public long getMaxLogicalLobSize() throws SQLException {
    return target.getMaxLogicalLobSize();
  }

  @Override
  public int getMaxProcedureNameLength() throws SQLException {
    return target.getMaxProcedureNameLength();
  }

  @Override
  public int getMaxRowSize() throws SQLException {
    return target.getMaxRowSize();
  }

  @Override
  public int getMaxSchemaNameLength() throws SQLException {
    return target.getMaxSchemaNameLength();
  }

  @Override
  public int getMaxStatementLength() throws SQLException {
    return target.getMaxStatementLength();
  }

  @Override
  public int getMaxStatements() throws SQLException {
    return target.getMaxStatements();
  }

  @Override
  public int getMaxTableNameLength() throws SQLException {
    return target.getMaxTableNameLength();
  }

  @Override
  public int getMaxTablesInSelect() throws SQLException {
    return target.getMaxTablesInSelect();
  }

  @Override
  public int getMaxUserNameLength() throws SQLException {
    return target.getMaxUserNameLength();
  }

  @Override
  public @Nullable String getNumericFunctions() throws SQLException {
    return target.getNumericFunctions();
  }

  @Override
  public @Nullable String getProcedureTerm() throws SQLException {
    return target.getProcedureTerm();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return target.getResultSetHoldability();
  }

  @Override
  public @Nullable RowIdLifetime getRowIdLifetime() throws SQLException {
    return target.getRowIdLifetime();
  }

  @Override
  public @Nullable String getSQLKeywords() throws SQLException {
    return target.getSQLKeywords();
  }

  @Override
  public int getSQLStateType() throws SQLException {
    return target.getSQLStateType();
  }

  @Override
  public @Nullable String getSchemaTerm() throws SQLException {
    return target.getSchemaTerm();
  }

  @Override
  public @Nullable String getSearchStringEscape() throws SQLException {
    return target.getSearchStringEscape();
  }

  @Override
  public @Nullable String getStringFunctions() throws SQLException {
    return target.getStringFunctions();
  }

  @Override
  public @Nullable String getSystemFunctions() throws SQLException {
    return target.getSystemFunctions();
  }

  @Override
  public @Nullable String getTimeDateFunctions() throws SQLException {
    return target.getTimeDateFunctions();
  }

  @Override
  public @Nullable String getURL() throws SQLException {
    return target.getURL();
  }

  @Override
  public @Nullable String getUserName() throws SQLException {
    return target.getUserName();
  }
}
