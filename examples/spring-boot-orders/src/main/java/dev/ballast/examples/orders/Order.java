package dev.ballast.examples.orders;

/**
 * An order as the API returns it.
 *
 * @param id the order's id
 * @param item what was ordered
 * @param reservedBy the inventory instance that reserved the item
 * @param servedBy the database server that answered this request ({@code primary} or {@code
 *     replica}, and its port)
 */
public record Order(long id, String item, String reservedBy, String servedBy) {}
