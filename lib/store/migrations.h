/* migrations.h: private to lib/store/.  The schema as ordered migrations. */
#ifndef ES_STORE_MIGRATIONS_H
#define ES_STORE_MIGRATIONS_H

/* Number of migrations = the current schema version. */
int es_migrations_count(void);
/* The SQL that takes user_version from version-1 to version (static text). */
const char *es_migration_sql(int version);

#endif
