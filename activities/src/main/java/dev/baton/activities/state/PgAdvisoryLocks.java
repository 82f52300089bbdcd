package dev.baton.activities.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.activities.ClusterLocks;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * {@link ClusterLocks} as PostgreSQL transaction-level advisory locks, each on a connection of its
 * own pool: a holder may need the main pool for its work, so holders and waiters never starve it.
 * The lock ends with its transaction, so a replica that dies mid-change (its connection gone) never
 * leaves one behind.
 */
@Component
public class PgAdvisoryLocks implements ClusterLocks {
  private final HikariDataSource pool;

  public PgAdvisoryLocks(
      @Value("${spring.datasource.url}") String url,
      @Value("${spring.datasource.username}") String user,
      @Value("${spring.datasource.password}") String password,
      @Value("${baton.locks.pool-size:16}") int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("baton-locks");
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    // Started without PostgreSQL (it may come later): connections are made when needed.
    config.setInitializationFailTimeout(-1);
    this.pool = new HikariDataSource(config);
  }

  @Override
  public <T> T holding(String name, Supplier<T> work) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement lock =
            connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
          lock.setString(1, name);
          lock.execute();
        }
        return work.get();
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException("lock " + name + ": " + e.getMessage(), e);
    }
  }

  @PreDestroy
  public void close() {
    pool.close();
  }
}
