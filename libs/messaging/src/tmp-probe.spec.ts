import { Server, ClientNats, Transport } from '@nestjs/microservices';
import { NestFactory } from '@nestjs/core';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
test('probe', () => {
  expect(typeof Server).toBe('function');
  expect(typeof ClientNats).toBe('function');
  expect(Transport.NATS).toBeDefined();
  expect(typeof NestFactory.createMicroservice).toBe('function');
  expect(typeof connect).toBe('function');
  expect(typeof jetstream).toBe('function');
  expect(typeof jetstreamManager).toBe('function');
});
