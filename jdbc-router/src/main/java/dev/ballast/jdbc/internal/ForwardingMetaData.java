package dev.ballast.jdbc.internal;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The mechanical base of {@link RoutedMetaData}: the catalog queries of {@link DatabaseMetaData},
 * forwarded to the physical connection's metadata, their result sets wrapped so that they have no
 * statement (as JDBC says of metadata results) and never lead to the physical connection. {@code
 * RoutedDelegationTest} fails when a method of the interface is not forwarded.
 */
abstract class ForwardingMetaData implements DatabaseMetaData {
  final DatabaseMetaData target;

  ForwardingMetaData(DatabaseMetaData target) {
    this.target = target;
  }

  private static @Nullable ResultSet wrap(@Nullable ResultSet rs) {
    return rs == null ? null : new RoutedResultSet(rs, null);
  }

  @Override
  public @Nullable ResultSet getAttributes(
      @Nullable String catalog,
      @Nullable String schemaPattern,
      @Nullable String typeNamePattern,
      @Nullable String attributeNamePattern)
      throws SQLException {
    return wrap(
        target.getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern));
  }

  @Override
  public @Nullable ResultSet getBestRowIdentifier(
      @Nullable String catalog,
      @Nullable String schema,
      @Nullable String table,
      int scope,
      boolean nullable)
      throws SQLException {
    return wrap(target.getBestRowIdentifier(catalog, schema, table, scope, nullable));
  }

  @Override
  public @Nullable ResultSet getCatalogs() throws SQLException {
    return wrap(target.getCatalogs());
  }

  @Override
  public @Nullable ResultSet getClientInfoProperties() throws SQLException {
    return wrap(target.getClientInfoProperties());
  }

  @Override
  public @Nullable ResultSet getColumnPrivileges(
      @Nullable String catalog,
      @Nullable String schema,
      @Nullable String table,
      @Nullable String columnNamePattern)
      throws SQLException {
    return wrap(target.getColumnPrivileges(catalog, schema, table, columnNamePattern));
  }

  @Override
  public @Nullable ResultSet getColumns(
      @Nullable String catalog,
      @Nullable String schemaPattern,
      @Nullable String tableNamePattern,
      @Nullable String columnNamePattern)
      throws SQLException {
    return wrap(target.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
  }

  @Override
  public @Nullable ResultSet getCrossReference(
      @Nullable String parentCatalog,
      @Nullable String parentSchema,
      @Nullable String parentTable,
      @Nullable String foreignCatalog,
      @Nullable String foreignSchema,
      @Nullable String foreignTable)
      throws SQLException {
    return wrap(
        target.getCrossReference(
            parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable));
  }

  @Override
  public @Nullable ResultSet getExportedKeys(
      @Nullable String catalog, @Nullable String schema, @Nullable String table)
      throws SQLException {
    return wrap(target.getExportedKeys(catalog, schema, table));
  }

  @Override
  public @Nullable ResultSet getFunctionColumns(
      @Nullable String catalog,
      @Nullable String schemaPattern,
      @Nullable String functionNamePattern,
      @Nullable String columnNamePattern)
      throws SQLException {
    return wrap(
        target.getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern));
  }

  @Override
  public @Nullable ResultSet getFunctions(
      @Nullable String catalog,
      @Nullable String schemaPattern,
      @Nullable String functionNamePattern)
      throws SQLException {
    return wrap(target.getFunctions(catalog, schemaPattern, functionNamePattern));
  }

  @Override
  public @Nullable ResultSet getImportedKeys(
      @Nullable String catalog, @Nullable String schema, @Nullable String table)
      throws SQLException {
    return wrap(target.getImportedKeys(catalog, schema, table));
  }

  @Override
  public @Nullable ResultSet getIndexInfo(
      @Nullable String catalog,
      @Nullable String schema,
      @Nullable String table,
      boolean unique,
      boolean approximate)
      throws SQLException {
    return wrap(target.getIndexInfo(catalog, schema, table, unique, approximate));
  }

  @Override
  public @Nullable ResultSet getPrimaryKeys(
      @Nullable String catalog, @Nullable String schema, @Nullable String table)
      throws SQLException {
    return wrap(target.getPrimaryKeys(catalog, schema, table));
  }

  @Override
  public @Nullable ResultSet getProcedureColumns(
      @Nullable String catalog,
      @Nullable String schemaPattern,
      @Nullable String procedureNamePattern,
      @Nullable String columnNamePattern)
      throws SQLException {
    return wrap(
        target.getProcedureColumns(
            catalog, schemaPattern, procedureNamePattern, columnNamePattern));
  }

  @Override
  public @Nullable ResultSet getProcedures(
      @Nullable String catalog,
      @Nullable String schemaPattern,
      @Nullable String procedureNamePattern)
      throws SQLException {
    return wrap(target.getProcedures(catalog, schemaPattern, procedureNamePattern));
  }

  @Override
  public @Nullable ResultSet getPseudoColumns(
      @Nullable String catalog,
      @Nullable String schemaPattern,
      @Nullable String tableNamePattern,
      @Nullable String columnNamePattern)
      throws SQLException {
    return wrap(
        target.getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
  }

  @Override
  public @Nullable ResultSet getSchemas() throws SQLException {
    return wrap(target.getSchemas());
  }

  @Override
  public @Nullable ResultSet getSchemas(@Nullable String catalog, @Nullable String schemaPattern)
      throws SQLException {
    return wrap(target.getSchemas(catalog, schemaPattern));
  }

  @Override
  public @Nullable ResultSet getSuperTables(
      @Nullable String catalog, @Nullable String schemaPattern, @Nullable String tableNamePattern)
      throws SQLException {
    return wrap(target.getSuperTables(catalog, schemaPattern, tableNamePattern));
  }

  @Override
  public @Nullable ResultSet getSuperTypes(
      @Nullable String catalog, @Nullable String schemaPattern, @Nullable String typeNamePattern)
      throws SQLException {
    return wrap(target.getSuperTypes(catalog, schemaPattern, typeNamePattern));
  }

  @Override
  public @Nullable ResultSet getTablePrivileges(
      @Nullable String catalog, @Nullable String schemaPattern, @Nullable String tableNamePattern)
      throws SQLException {
    return wrap(target.getTablePrivileges(catalog, schemaPattern, tableNamePattern));
  }

  @Override
  public @Nullable ResultSet getTableTypes() throws SQLException {
    return wrap(target.getTableTypes());
  }

  @Override
  public @Nullable ResultSet getTables(
      @Nullable String catalog,
      @Nullable String schemaPattern,
      @Nullable String tableNamePattern,
      String[] types)
      throws SQLException {
    return wrap(target.getTables(catalog, schemaPattern, tableNamePattern, types));
  }

  @Override
  public @Nullable ResultSet getTypeInfo() throws SQLException {
    return wrap(target.getTypeInfo());
  }

  @Override
  public @Nullable ResultSet getUDTs(
      @Nullable String catalog,
      @Nullable String schemaPattern,
      @Nullable String typeNamePattern,
      int[] types)
      throws SQLException {
    return wrap(target.getUDTs(catalog, schemaPattern, typeNamePattern, types));
  }

  @Override
  public @Nullable ResultSet getVersionColumns(
      @Nullable String catalog, @Nullable String schema, @Nullable String table)
      throws SQLException {
    return wrap(target.getVersionColumns(catalog, schema, table));
  }
}
