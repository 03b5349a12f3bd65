/** Debian's redis-server on a free loopback port, in memory only, for tests of the shared cache. */
import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import { freePort } from './site'

export type RunningRedis = { url: string; stop(): Promise<void> }

const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? 'redis-server'

function ping(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'))
    socket.once('data', (reply) => {
      socket.destroy()
      done(reply.toString().startsWith('+PONG'))
    })
    socket.once('error', () => done(false))
  })
}

export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort()
  const redis = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  })
  await new Promise<void>((done, fail) => {
    redis.once('spawn', done)
    redis.once('error', (error) =>
      fail(new Error(`redis-server could not be started (${error.message}); install Debian's redis-server: apt-get install redis-server`)),
    )
  })
  for (let attempt = 0; !(await ping(port)); attempt++) {
    if (redis.exitCode !== null || attempt > 100) throw new Error(`redis-server did not answer on port ${port}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((r) => redis.once('exit', r))
      redis.kill('SIGTERM')
      await exited
    },
  }
}
