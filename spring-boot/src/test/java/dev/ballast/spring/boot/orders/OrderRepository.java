package dev.ballast.spring.boot.orders;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data JPA repository of orders. */
public interface OrderRepository extends JpaRepository<PurchaseOrder, Long> {}
